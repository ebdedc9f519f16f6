//! Asynchronous job processing: after the configured delay a job's zip is judged off the async
//! threads, the result is stored (enrolling the user when due) and the callback is dispatched.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::background::Background;
use crate::callbacks::Callbacks;
use crate::stats::bump;
use crate::store::Job;
use crate::{results, rules};

/// Queues uploaded jobs for judgement. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Processor {
    inner: Arc<Inner>,
}

struct Inner {
    delay: Duration,
    /// Judging decodes images and runs face detection: at most one job per core at a time.
    cpu: Semaphore,
    callbacks: Callbacks,
    bg: Background,
}

impl Processor {
    pub fn new(delay: Duration, callbacks: Callbacks, bg: Background) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Processor { inner: Arc::new(Inner { delay, cpu: Semaphore::new(cores), callbacks, bg }) }
    }

    /// Processes `job` after the delay. A job still waiting at shutdown stays "processing" in the
    /// database and is queued again at the next start.
    pub fn enqueue(&self, job: Arc<Job>) {
        let inner = self.inner.clone();
        self.inner.bg.tasks.spawn(async move {
            tokio::select! {
                _ = inner.bg.shutdown.cancelled() => {}
                _ = tokio::time::sleep(inner.delay) => inner.process(job).await,
            }
        });
    }
}

impl Processor {
    /// Judges `job` now (its upload stored) with `forced` as the forced result, or the one
    /// forced from the dashboard when `None`; returns the completed job (`None` if it could not
    /// be stored or was deleted meanwhile).
    pub async fn judge_now(&self, job: Arc<Job>, forced: Option<String>) -> Option<Arc<Job>> {
        self.inner.judge(job, forced).await
    }

    /// Sends a job completed outside the queue (Enhanced KYC) to its callback URL.
    pub fn dispatch_callback(&self, job: Arc<Job>) {
        self.inner.callbacks.dispatch(job);
    }
}

impl Inner {
    async fn process(&self, job: Arc<Job>) {
        self.judge(job, None).await;
    }

    async fn judge(&self, job: Arc<Job>, forced: Option<String>) -> Option<Arc<Job>> {
        let Ok(_permit) = self.cpu.acquire().await else { return None };
        let (store, judged_job) = (self.bg.store.clone(), job.clone());
        let judged = tokio::task::spawn_blocking(move || {
            let zip = store.upload_zip(judged_job.smile_job_id)?.unwrap_or_default();
            let forced = match forced {
                Some(forced) => Some(forced),
                None => store.take_forced_result(&judged_job)?,
            };
            Ok::<_, rusqlite::Error>(rules::evaluate(&judged_job, &zip, forced.as_deref()))
        })
        .await;
        let evaluation = match judged {
            Ok(Ok(evaluation)) => evaluation,
            Ok(Err(e)) => {
                tracing::error!(error = %e, "reading an upload failed");
                return None;
            }
            // A decoder panic must not leave the job "processing" forever.
            Err(e) => {
                let smile_job_id = &job.smile_job_id;
                tracing::error!(error = %e, smile_job_id, "judging a job panicked");
                rules::Evaluation::system_error()
            }
        };
        let store = self.bg.store.clone();
        let stored = tokio::task::spawn_blocking(move || {
            let completion = results::completion(&job, &evaluation.outcome);
            let enroll = evaluation.outcome.enrolls(job.job_type);
            store
                .complete(&job, completion, evaluation.selfie.as_deref(), enroll)
                .map(|done| (done, evaluation.outcome.code))
        })
        .await;
        match stored {
            Ok(Ok((None, _))) => tracing::info!("job deleted while it was judged"),
            Ok(Ok((Some(done), code))) => {
                bump(&self.bg.counters.jobs_completed);
                tracing::info!(
                    smile_job_id = done.smile_job_id,
                    job_type = done.job_type.id(),
                    result_code = code,
                    "job complete"
                );
                self.callbacks.dispatch(done.clone());
                return Some(done);
            }
            Ok(Err(e)) => tracing::error!(error = %e, "storing a job result failed"),
            Err(e) => tracing::error!(error = %e, "storing a job result panicked"),
        }
        None
    }
}
