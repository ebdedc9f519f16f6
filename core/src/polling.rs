//! Polling job_status until the job completes or its deadline passes. This loop is the only
//! retry layer for job_status: a transient failure is followed by the next poll, and nothing
//! outlives the deadline (a request still in flight then is dropped).

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::endpoints::Endpoints;
use crate::error::Result;
use crate::models::JobRef;
use crate::progress::{JobProgress, ProgressListener};
use crate::result::{IncompleteReason, JobStatus};
use crate::signature::Signed;

/// job_status code meaning the server holds no zip for the job.
pub(crate) const NO_ZIP_RECEIVED: &str = "2314";
/// The first job_status request may run this long even when the deadline is nearer (timeout 0
/// asks once), so the wait stays under the timeout plus one second.
const FIRST_REQUEST_GRACE: Duration = Duration::from_millis(750);

/// How polling ended.
#[derive(Debug)]
pub(crate) enum Polled {
    Complete(JobStatus),
    /// The server holds no zip for the job (`2314`).
    NoZip(JobStatus),
    /// The deadline passed first.
    Incomplete(Option<JobStatus>, IncompleteReason),
}

/// Polls job_status: first right away, then with pauses growing from `first_poll_interval` to
/// `poll_interval`, until the job completes, the server reports no zip, or `deadline` passes.
/// A permanent error (e.g. a bad signature) ends polling with that error.
pub(crate) async fn poll(
    endpoints: &Endpoints,
    job: &JobRef,
    signed: &Signed,
    deadline: Instant,
    progress: &dyn ProgressListener,
) -> Result<Polled> {
    let config: &Config = &endpoints.config;
    let mut pauses = Pauses { next: config.first_poll_interval.min(config.poll_interval), config };
    let mut last: Option<JobStatus> = None;
    let mut last_failed = false;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let started = Instant::now();
        let until =
            if attempt == 1 { deadline.max(started + FIRST_REQUEST_GRACE) } else { deadline };
        let answer =
            tokio::time::timeout_at(until.into(), endpoints.job_status_once(job, signed)).await;
        match answer {
            // The deadline cut the request off.
            Err(_) => return Ok(Polled::Incomplete(last, reason(last_failed))),
            Ok(Ok(status)) => {
                last_failed = false;
                progress.on_progress(
                    &job.job_id,
                    JobProgress::Polling { attempt, job_complete: status.job_complete },
                );
                if status.job_complete {
                    return Ok(Polled::Complete(status));
                }
                if status.code == NO_ZIP_RECEIVED {
                    return Ok(Polled::NoZip(status));
                }
                last = Some(status);
            }
            Ok(Err(e)) if e.is_transient() => {
                let code = e.code();
                tracing::debug!(job_id = %job.job_id, code, "job_status failed, polling on");
                last_failed = true;
            }
            Ok(Err(e)) => return Err(e),
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if !remaining.is_zero() {
            tokio::time::sleep(pauses.next(remaining)).await;
        }
        if Instant::now() >= deadline {
            return Ok(Polled::Incomplete(last, reason(last_failed)));
        }
    }
}

fn reason(last_request_failed: bool) -> IncompleteReason {
    if last_request_failed {
        IncompleteReason::StatusUnavailable
    } else {
        IncompleteReason::TimedOut
    }
}

/// Pauses between polls: doubling from the first interval up to `poll_interval`, never past
/// the deadline.
struct Pauses<'a> {
    next: Duration,
    config: &'a Config,
}

impl Pauses<'_> {
    fn next(&mut self, remaining: Duration) -> Duration {
        let pause = self.next.min(remaining).max(Duration::from_millis(1));
        self.next = (self.next * 2).min(self.config.poll_interval);
        pause
    }
}
