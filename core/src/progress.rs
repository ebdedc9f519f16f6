//! Progress events of a running job, for UIs.

/// One step of `submit_job`, reported in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobProgress {
    /// Getting a signature (locally, from the partner backend, or via auth_smile).
    Authenticating,
    /// Creating the job (`prep_upload`).
    Preparing,
    /// Zip upload: bytes sent so far of the total.
    Uploading { sent: u64, total: u64 },
    /// One job_status answer; `attempt` counts from 1.
    Polling { attempt: u32, job_complete: bool },
    /// Finished: the job completed, or polling stopped at its timeout.
    Done { job_complete: bool, job_success: bool },
}

/// Receives [`JobProgress`] events with the job they belong to. Called from the client's worker
/// threads.
pub trait ProgressListener: Send + Sync {
    fn on_progress(&self, job_id: &str, event: JobProgress);
}

/// A listener that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl ProgressListener for NoProgress {
    fn on_progress(&self, _: &str, _: JobProgress) {}
}

impl<F: Fn(&str, JobProgress) + Send + Sync> ProgressListener for F {
    fn on_progress(&self, job_id: &str, event: JobProgress) {
        self(job_id, event)
    }
}
