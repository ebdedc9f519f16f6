import type { JobType } from 'react-native-smileid-rs';

/** Smile ID's names of the job types the app runs. */
export const JOB_TYPE_NAMES: Record<JobType, string> = {
  1: 'Biometric KYC',
  2: 'SmartSelfie Authentication',
  4: 'SmartSelfie Enrollment',
  5: 'Enhanced KYC',
  6: 'Document Verification',
  11: 'Enhanced Document Verification',
};

/** A job id chosen before submitting, so progress events can be matched to the job. */
export function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
