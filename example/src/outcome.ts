import type { JobResult, JobStatusResult } from 'react-native-smileid-rs';

import type { Tone } from './components/Badge';

const REASONS: Record<NonNullable<JobResult['incompleteReason']>, string> = {
  timedOut: 'still processing',
  statusUnavailable: 'status unavailable',
  uploadLost: 'upload lost',
};

/** The one-line verdict of a job result or status, and its colour. */
export function outcome(result: JobResult | JobStatusResult): { label: string; tone: Tone } {
  if (!result.jobComplete) {
    const reason = 'incompleteReason' in result ? result.incompleteReason : undefined;
    return { label: reason ? `Incomplete: ${REASONS[reason]}` : 'Incomplete', tone: 'warning' };
  }
  return result.jobSuccess
    ? { label: 'Approved', tone: 'success' }
    : { label: 'Not approved', tone: 'danger' };
}
