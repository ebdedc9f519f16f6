//! `SmileIdClient`: configuration, jobs, the offline queue and job_status. Each long call comes
//! as a suspending function and as a `start…` variant returning a cancellable task handle.

use std::future::Future;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use smileid_core::{Client, NoProgress, SubmitJobRequest, ValidDocument};

use crate::config::ClientConfig;
use crate::error::SmileIdError;
use crate::job::{EnhancedKycParams, JobRef, PendingJob, SubmitJobParams};
use crate::lookups::{ProductsConfig, Services};
use crate::progress::{ForwardProgress, ProgressListener};
use crate::results::{
    EnhancedKycAccepted, EnhancedKycResult, JobStatus, ResumedJob, SubmitJobResult,
};
use crate::running::Running;
use crate::runtime;
use crate::smart_selfie::SmartSelfieResult;
use crate::tag_store::TagStore;
use crate::task_handle::{JobTask, ResumeTask, StatusTask, Task};

/// The Smile ID client. Thread-safe; create one per app and share it.
#[derive(uniffi::Object)]
pub struct SmileIdClient {
    inner: Client,
    running: Arc<Running>,
}

impl SmileIdClient {
    /// A client whose running work is registered in `running` (shared with other clients).
    pub(crate) fn with_running(
        config: smileid_core::Config,
        tags: &TagStore,
        running: Arc<Running>,
    ) -> Result<Self, SmileIdError> {
        // The HTTP client is built inside the runtime it will run on.
        let _entered = runtime::get().enter();
        Ok(SmileIdClient { inner: Client::new(config, tags.core().clone())?, running })
    }

    /// `submitSmartSelfie` as a task the React Native bridge awaits.
    pub(crate) fn start_smart_selfie(
        &self,
        params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Task<SmartSelfieResult> {
        self.spawn_job(params, listener, |client, request, progress| async move {
            Ok(client.submit_smart_selfie(&request, progress).await?.into())
        })
    }

    /// Runs `work` for the job `params` on the runtime, registered under its job id (generated
    /// now when empty, so `cancelJob` reaches it from the start) until it finishes.
    fn spawn_job<T, Fut>(
        &self,
        mut params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
        work: impl FnOnce(Client, SubmitJobRequest, Arc<dyn smileid_core::ProgressListener>) -> Fut,
    ) -> Task<T>
    where
        T: Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, SmileIdError>> + Send + 'static,
    {
        if params.partner_params.job_id.is_empty() {
            params.partner_params.job_id = smileid_core::generate_job_id();
        }
        let job_id = params.partner_params.job_id.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let progress = forward(listener, &cancelled);
        let task = Task::spawn(cancelled, work(self.inner.clone(), params.into(), progress));
        task.hold_until_finished(self.running.job(&job_id, task.canceller()));
        task
    }

    /// A look-up `fetch` makes from the core client, run on the library's runtime.
    pub(crate) async fn lookup<T, Fut>(
        &self,
        fetch: impl FnOnce(Client) -> Fut,
    ) -> Result<T, SmileIdError>
    where
        T: Clone + Send + Sync + 'static,
        Fut: Future<Output = smileid_core::Result<T>> + Send + 'static,
    {
        let work = fetch(self.inner.clone());
        Task::spawn(Arc::default(), async move { Ok(work.await?) }).await_or_cancel().await
    }
}

#[uniffi::export]
impl SmileIdClient {
    /// Creates a client over `config`, sending captures from `tags`. Throws
    /// `SmileIdException.InvalidInput` for a bad partner id, secret or URL.
    #[uniffi::constructor]
    pub fn new(config: ClientConfig, tags: Arc<TagStore>) -> Result<Arc<Self>, SmileIdError> {
        Ok(Arc::new(Self::with_running(config.try_into()?, &tags, Arc::default())?))
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
    /// (`task.cancel()` or `cancelJob(jobId)`) rather than by cancelling a coroutine. A job
    /// without `partnerParams.jobId` gets its generated id now, so it is cancellable by id from
    /// the start.
    #[uniffi::method(default(listener = None))]
    pub fn start_job(
        &self,
        params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Arc<JobTask> {
        Arc::new(JobTask(self.spawn_job(
            params,
            listener,
            |client, request, progress| async move {
                Ok(client.submit_job(&request, progress).await?.into())
            },
        )))
    }

    /// Runs an Enhanced SmartSelfie job: enrolment (`jobType` 4) or authentication (2) from the
    /// same tag and parameters as `submitJob`, over the synchronous v2 endpoints (one request,
    /// an answer within seconds). A `pending` answer is followed up on job_status until
    /// `jobStatusPollingTimeoutMillis` passes (0: return it as it is); it then stays in the
    /// journal for `resumePendingJobs`, as does a job whose request failed in transit.
    /// `cancelJob(journalJobId)` or cancelling the call stops it.
    #[uniffi::method(default(listener = None))]
    pub async fn submit_smart_selfie(
        &self,
        params: SubmitJobParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<SmartSelfieResult, SmileIdError> {
        self.start_smart_selfie(params, listener).await_or_cancel().await
    }

    /// Asks job_status for a job submitted earlier (transient failures are retried within the
    /// retry budget). Cancelling the calling coroutine or task drops the request.
    pub async fn job_status(&self, job: JobRef) -> Result<JobStatus, SmileIdError> {
        self.start_job_status(job).0.await_or_cancel().await
    }

    /// `jobStatus` in the background, with a handle to cancel it (`task.cancel()`) or await it.
    pub fn start_job_status(&self, job: JobRef) -> Arc<StatusTask> {
        let job_id = job.job_id.clone();
        let client = self.inner.clone();
        let task = Task::spawn(Arc::default(), async move {
            let job = job.try_into()?;
            Ok(client.job_status(&job).await?.into())
        });
        task.hold_until_finished(self.running.status(&job_id, task.canceller()));
        Arc::new(StatusTask(task))
    }

    /// Enhanced KYC (job 5): checks `params.idInfo` with the ID authority in one request and
    /// returns its answer. No capture, no journal; `cancelJob(jobId)` or cancelling the call
    /// drops the request (a job id is generated now when empty).
    pub async fn enhanced_kyc(
        &self,
        mut params: EnhancedKycParams,
    ) -> Result<EnhancedKycResult, SmileIdError> {
        if params.partner_params.job_id.is_empty() {
            params.partner_params.job_id = smileid_core::generate_job_id();
        }
        let job_id = params.partner_params.job_id.clone();
        let client = self.inner.clone();
        let task = Task::spawn(Arc::default(), async move {
            Ok(client.enhanced_kyc(&params.into()).await?.into())
        });
        task.hold_until_finished(self.running.job(&job_id, task.canceller()));
        task.await_or_cancel().await
    }

    /// Enhanced KYC, asynchronously: the server accepts the job and POSTs the result to
    /// `params.callbackUrl` (required). Returns the ids the callback will carry.
    pub async fn enhanced_kyc_async(
        &self,
        params: EnhancedKycParams,
    ) -> Result<EnhancedKycAccepted, SmileIdError> {
        let client = self.inner.clone();
        let task = Task::spawn(Arc::default(), async move {
            Ok(client.enhanced_kyc_async(&params.into()).await?.into())
        });
        task.await_or_cancel().await
    }

    /// Every product's countries and ID types (`GET /v1/services`), for a form's pickers.
    /// Fetched once per client and environment.
    pub async fn services(&self, is_production: bool) -> Result<Services, SmileIdError> {
        let fetch =
            |c: Client| async move { Ok(Arc::unwrap_or_clone(c.services(is_production).await?)) };
        self.lookup(fetch).await.map(Into::into)
    }

    /// The ID types this partner has enabled, and those that need consent
    /// (`POST /v1/products_config`). Fetched once per client and environment.
    pub async fn products_config(
        &self,
        is_production: bool,
    ) -> Result<ProductsConfig, SmileIdError> {
        let fetch = |c: Client| async move {
            Ok(Arc::unwrap_or_clone(c.products_config(is_production).await?))
        };
        self.lookup(fetch).await.map(Into::into)
    }

    /// The documents accepted per country (`POST /v1/valid_documents`), for a Document
    /// Verification form. Fetched once per client and environment.
    pub async fn valid_documents(
        &self,
        is_production: bool,
    ) -> Result<Vec<ValidDocument>, SmileIdError> {
        let fetch = |c: Client| async move {
            Ok(Arc::unwrap_or_clone(c.valid_documents(is_production).await?))
        };
        self.lookup(fetch).await.map(|d| d.valid_documents)
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
        let task = Task::spawn(cancelled, async move {
            Ok(client.resume_pending_jobs(progress).await?.into_iter().map(Into::into).collect())
        });
        task.hold_until_finished(self.running.resume(task.canceller()));
        Arc::new(ResumeTask(task))
    }

    /// Cancels the running job (`submitJob`/`startJob`) or, when no job of that id runs, the
    /// running `jobStatus` of `jobId`. The job stays pending, its tag intact. False when
    /// nothing of that id runs.
    pub fn cancel_job(&self, job_id: String) -> bool {
        self.running.cancel_job(&job_id)
    }

    /// Cancels every running `resumePendingJobs` (the job in progress stays pending, the rest
    /// are not started). False when none runs.
    pub fn cancel_resume(&self) -> bool {
        self.running.cancel_resumes()
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
