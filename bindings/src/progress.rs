//! Progress of a running job: the `ProgressListener` callback interface and its events.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use smileid_core::JobProgress;

/// One step of a job, in order: `Authenticating`, `Preparing`, `Uploading`…, `Polling`…,
/// `Done`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ProgressEvent {
    /// Getting a signature (locally, from the partner backend, or via auth_smile).
    Authenticating,
    /// Creating the job (`prep_upload`).
    Preparing,
    /// Zip upload: bytes sent so far of the total, and the same as a whole percentage.
    Uploading { sent_bytes: i64, total_bytes: i64, percent: i32 },
    /// One job_status answer; `attempt` counts from 1.
    Polling { attempt: i32, job_complete: bool },
    /// Finished: the job completed, or polling stopped at its timeout.
    Done { job_complete: bool, job_success: bool },
}

impl From<JobProgress> for ProgressEvent {
    fn from(p: JobProgress) -> Self {
        match p {
            JobProgress::Authenticating => ProgressEvent::Authenticating,
            JobProgress::Preparing => ProgressEvent::Preparing,
            JobProgress::Uploading { sent, total } => {
                let percent = (sent.min(total) * 100).checked_div(total).map_or(100, |p| p as i32);
                ProgressEvent::Uploading {
                    sent_bytes: clamp(sent),
                    total_bytes: clamp(total),
                    percent,
                }
            }
            JobProgress::Polling { attempt, job_complete } => ProgressEvent::Polling {
                attempt: attempt.try_into().unwrap_or(i32::MAX),
                job_complete,
            },
            JobProgress::Done { job_complete, job_success } => {
                ProgressEvent::Done { job_complete, job_success }
            }
        }
    }
}

fn clamp(n: u64) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// Implemented in Kotlin or Swift to follow a job. Called on the library's worker threads, one
/// event at a time per job: hop to the UI thread yourself. Keep it quick; an exception thrown
/// here fails the job with `SmileIdException.Internal`.
#[uniffi::export(foreign)]
pub trait ProgressListener: Send + Sync {
    /// `job_id` is the job's partner job id (a generated one when none was given).
    fn on_progress(&self, job_id: String, event: ProgressEvent);
}

/// Forwards core's events to a foreign listener until the job is cancelled.
pub(crate) struct ForwardProgress {
    pub listener: Arc<dyn ProgressListener>,
    /// Set by `JobTask::cancel`: a job stopping at its next await sends nothing more.
    pub cancelled: Arc<AtomicBool>,
}

impl smileid_core::ProgressListener for ForwardProgress {
    fn on_progress(&self, job_id: &str, event: JobProgress) {
        if !self.cancelled.load(Ordering::Acquire) {
            self.listener.on_progress(job_id.to_string(), event.into());
        }
    }
}
