//! `SmileIdClient`: configuration, jobs, the offline queue and job_status. Each long call comes
//! as a suspending function and as a `start…` variant returning a cancellable task handle.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use smileid_core::{Client, NoProgress};

use crate::config::ClientConfig;
use crate::error::SmileIdError;
use crate::job::{JobRef, PendingJob, SubmitJobParams};
use crate::progress::{ForwardProgress, ProgressListener};
use crate::results::{JobStatus, ResumedJob, SubmitJobResult};
use crate::runtime;
use crate::tag_store::TagStore;
use crate::task_handle::{JobTask, ResumeTask, StatusTask, Task};

/// The Smile ID client. Thread-safe; create one per app and share it.
#[derive(uniffi::Object)]
pub struct SmileIdClient {
    inner: Client,
}

#[uniffi::export]
impl SmileIdClient {
    /// Creates a client over `config`, sending captures from `tags`. Throws
    /// `SmileIdException.InvalidInput` for a bad partner id, secret or URL.
    #[uniffi::constructor]
    pub fn new(config: ClientConfig, tags: Arc<TagStore>) -> Result<Arc<Self>, SmileIdError> {
        // The HTTP client is built inside the runtime it will run on.
        let _entered = runtime::get().enter();
        let inner = Client::new(config.try_into()?, tags.core().clone())?;
        Ok(Arc::new(SmileIdClient { inner }))
    }

    /// Runs a whole job: validate, sign, prep_upload, upload the tag's zip, poll job_status until
    /// the job completes or `jobStatusPollingTimeoutMillis` passes. Cancelling the calling
    /// coroutine (Kotlin) or task (Swift) cancels the job and leaves the tag intact.
    #[uniffi::method(default(listener = None))]
    pub async fn submit_job(
        &self,
        params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<SubmitJobResult, SmileIdError> {
        self.start_job(params, listener).0.await_or_cancel().await
    }

    /// Starts a job in the background and returns its handle, for callers that cancel by hand
    /// (`task.cancel()`) rather than by cancelling a coroutine.
    #[uniffi::method(default(listener = None))]
    pub fn start_job(
        &self,
        params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Arc<JobTask> {
        let client = self.inner.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let progress = forward(listener, &cancelled);
        Arc::new(JobTask(Task::spawn(cancelled, async move {
            let request = params.into();
            Ok(client.submit_job(&request, progress).await?.into())
        })))
    }

    /// Asks job_status for a job submitted earlier (transient failures are retried within the
    /// retry budget). Cancelling the calling coroutine or task drops the request.
    pub async fn job_status(&self, job: JobRef) -> Result<JobStatus, SmileIdError> {
        self.start_job_status(job).0.await_or_cancel().await
    }

    /// `jobStatus` in the background, with a handle to cancel it (`task.cancel()`) or await it.
    pub fn start_job_status(&self, job: JobRef) -> Arc<StatusTask> {
        let client = self.inner.clone();
        Arc::new(StatusTask(Task::spawn(Arc::default(), async move {
            let job = job.try_into()?;
            Ok(client.job_status(&job).await?.into())
        })))
    }

    /// Records a job without sending anything (offline mode); `resumePendingJobs` sends it
    /// later. Returns the job id (generated when `partnerParams.jobId` is empty).
    pub fn enqueue_job(&self, params: SubmitJobParams) -> Result<String, SmileIdError> {
        Ok(self.inner.enqueue_job(&params.into())?)
    }

    /// Jobs recorded but not yet complete or failed.
    pub fn pending_jobs(&self) -> Result<Vec<PendingJob>, SmileIdError> {
        Ok(self.inner.pending_jobs()?.into_iter().map(Into::into).collect())
    }

    /// Continues every pending job, one after another (call it at start-up and when the network
    /// comes back). Cancelling the call stops it; the job in progress stays pending.
    #[uniffi::method(default(listener = None))]
    pub async fn resume_pending_jobs(
        &self,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<Vec<ResumedJob>, SmileIdError> {
        self.start_resume_pending_jobs(listener).0.await_or_cancel().await
    }

    /// `resumePendingJobs` in the background, with a handle to cancel it (`task.cancel()`: the
    /// job in progress stays pending, the rest are not started) or await it.
    #[uniffi::method(default(listener = None))]
    pub fn start_resume_pending_jobs(
        &self,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Arc<ResumeTask> {
        let client = self.inner.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let progress = forward(listener, &cancelled);
        Arc::new(ResumeTask(Task::spawn(cancelled, async move {
            Ok(client.resume_pending_jobs(progress).await?.into_iter().map(Into::into).collect())
        })))
    }

    /// The store this client reads captures from.
    pub fn tags(&self) -> Arc<TagStore> {
        Arc::new(TagStore::from_core(self.inner.tags().clone()))
    }
}

fn forward(
    listener: Option<Arc<dyn ProgressListener>>,
    cancelled: &Arc<AtomicBool>,
) -> Arc<dyn smileid_core::ProgressListener> {
    match listener {
        Some(listener) => Arc::new(ForwardProgress { listener, cancelled: Arc::clone(cancelled) }),
        None => Arc::new(NoProgress),
    }
}
