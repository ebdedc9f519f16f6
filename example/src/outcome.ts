import type { EnhancedKycResult, JobResult, JobStatusResult } from 'react-native-smileid-rs';

import type { Tone } from './components/Badge';

/** What the app shows a verdict of: a tag job's result or status, or an Enhanced KYC answer. */
export type Verdictable = JobResult | JobStatusResult | EnhancedKycResult;

const REASONS: Record<NonNullable<JobResult['incompleteReason']>, string> = {
  timedOut: 'still processing',
  statusUnavailable: 'status unavailable',
  uploadLost: 'upload lost',
};

/** Whether a job was approved (Enhanced KYC: its ID verified). */
export function succeeded(result: Verdictable): boolean {
  return 'verified' in result ? result.verified : result.jobSuccess;
}

/** The one-line verdict of a job result or status, and its colour. */
export function outcome(result: Verdictable): { label: string; tone: Tone } {
  if ('verified' in result) {
    return result.verified
      ? { label: 'Verified', tone: 'success' }
      : { label: 'Not verified', tone: 'danger' };
  }
  if (!result.jobComplete) {
    const reason = 'incompleteReason' in result ? result.incompleteReason : undefined;
    return { label: reason ? `Incomplete: ${REASONS[reason]}` : 'Incomplete', tone: 'warning' };
  }
  return result.jobSuccess
    ? { label: 'Approved', tone: 'success' }
    : { label: 'Not approved', tone: 'danger' };
}
