/** The jobs this run of the app submitted, shared by the job screens and the job list. */
import React, { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type {
  EnhancedKycResult,
  JobResult,
  JobStatusResult,
  JobType,
  SmileIdError,
} from 'react-native-smileid-rs';

import { succeeded } from './outcome';

export type SessionJob = {
  jobId: string;
  userId: string;
  jobType: JobType;
  /** Set once submitJob resolved. */
  result?: JobResult | EnhancedKycResult;
  /** Set when submitJob rejected. */
  error?: SmileIdError;
  /** The latest jobStatus answer, asked from the job list for an incomplete job. */
  status?: JobStatusResult;
};

type Session = {
  jobs: SessionJob[];
  /** Adds a job, or merges `job` into the one with the same id. */
  record(job: Partial<SessionJob> & Pick<SessionJob, 'jobId'>): void;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [jobs, setJobs] = useState<SessionJob[]>([]);
  const record = useCallback<Session['record']>(job => {
    setJobs(all => {
      const known = all.find(j => j.jobId === job.jobId);
      if (!known) return [job as SessionJob, ...all];
      return all.map(j => (j === known ? { ...j, ...job } : j));
    });
  }, []);
  const session = useMemo(() => ({ jobs, record }), [jobs, record]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/** The user id of the latest approved enrolment of this run, for authentication. */
export function useEnrolledUserId(): string | undefined {
  const enrolled = (j: SessionJob) =>
    j.jobType === 4 && j.result !== undefined && succeeded(j.result);
  return useSession().jobs.find(enrolled)?.userId;
}
