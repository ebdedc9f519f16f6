//! The Smile ID client: what an app calls. Jobs run through [`crate::runner`]; every step is
//! recorded in the job journal.

use std::sync::Arc;

use crate::config::Config;
use crate::endpoints::Endpoints;
use crate::enhanced_kyc::{EnhancedKycAccepted, EnhancedKycRequest, EnhancedKycResult};
use crate::error::{Error, Result};
use crate::journal::{Journal, JournalEntry};
use crate::lookups::{Lookups, ProductsConfig, Services, ValidDocuments};
use crate::models::{JobRef, JobType};
use crate::progress::ProgressListener;
use crate::result::{JobStatus, SubmitJobResult};
use crate::runner::Runner;
use crate::smart_selfie::SmartSelfieResult;
use crate::submit::SubmitJobRequest;
use crate::tags::TagStore;

/// The outcome of one resumed job.
#[derive(Debug)]
pub struct ResumedJob {
    pub job_id: String,
    /// For an Enhanced SmartSelfie job, [`SmartSelfieResult::to_submit_result`].
    pub result: Result<SubmitJobResult>,
    /// The typed answer of an Enhanced SmartSelfie job (`None` for zip jobs and on error).
    pub smart_selfie: Option<SmartSelfieResult>,
}

/// The client. Cheap to clone; share one per app.
#[derive(Debug, Clone)]
pub struct Client {
    endpoints: Endpoints,
    tags: TagStore,
    journal: Arc<Journal>,
    lookups: Arc<Lookups>,
}

impl Client {
    /// Creates a client over `config`, reading captures from `tags` and journalling jobs
    /// beside them ([`Journal::open_beside`]).
    pub fn new(config: Config, tags: TagStore) -> Result<Self> {
        let endpoints = Endpoints::new(config)?;
        let journal = Arc::new(Journal::open_beside(&tags)?);
        Ok(Client { endpoints, tags, journal, lookups: Arc::default() })
    }

    /// The tag store this client reads.
    pub fn tags(&self) -> &TagStore {
        &self.tags
    }

    /// The job journal.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    fn runner(&self) -> Runner<'_> {
        Runner { endpoints: &self.endpoints, tags: &self.tags, journal: &self.journal }
    }

    /// Runs a whole job: validate, record it in the journal, sign, prep_upload, upload the zip,
    /// then poll job_status until the job completes or `job_status_polling_timeout_millis`
    /// passes. That timeout bounds the whole wait after the upload: at the deadline a request
    /// in flight is dropped and the last status comes back with `job_complete = false` and
    /// [`SubmitJobResult::incomplete_reason`] set. A job_id the journal already knows is
    /// continued from where it stopped (a completed one returns its recorded result without
    /// contacting the server).
    pub async fn submit_job(
        &self,
        request: &SubmitJobRequest,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<SubmitJobResult> {
        let runner = self.runner();
        let entry = runner.record(request)?;
        runner.run(entry, progress).await
    }

    /// Runs an Enhanced SmartSelfie job: enrolment (job type 4) or authentication (2) over the
    /// synchronous v2 endpoints, from the same tag and request as [`Client::submit_job`]
    /// (`partner_params` extras are sent as `partner_params`, a `sandbox_result` extra as its
    /// own field; `id_info.allow_re_enroll` as `allow_new_enroll`). The answer is `approved`,
    /// `rejected` or `pending`; a pending job is polled on job_status under the server's
    /// job_id until it completes or `job_status_polling_timeout_millis` passes (0: return the
    /// pending answer), and then stays pending in the journal with
    /// [`SmartSelfieResult::incomplete_reason`] set, for `resume_pending_jobs`. A request that
    /// fails in transit leaves the job pending too and is sent again (the v2 endpoints take no
    /// job_id, so an enrolment whose answer was lost after the server enrolled the user is
    /// refused on the second send with `2209` unless `allow_re_enroll` is set).
    pub async fn submit_smart_selfie(
        &self,
        request: &SubmitJobRequest,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<SmartSelfieResult> {
        if !matches!(
            JobType::from_id(request.job_type)?,
            JobType::SmartSelfieEnrollment | JobType::SmartSelfieAuthentication
        ) {
            return Err(Error::invalid(
                "job_type",
                "Enhanced SmartSelfie runs job types 4 (enrolment) and 2 (authentication)",
            ));
        }
        let runner = self.runner();
        let entry = runner.record_as(request, true)?;
        runner.run_smart_selfie(entry, progress).await
    }

    /// Records a job without sending anything (offline mode); `resume_pending_jobs` submits it
    /// later. Returns the job_id.
    pub fn enqueue_job(&self, request: &SubmitJobRequest) -> Result<String> {
        Ok(self.runner().record(request)?.job_id)
    }

    /// Jobs recorded but not yet complete or failed.
    pub fn pending_jobs(&self) -> Result<Vec<JournalEntry>> {
        self.journal.pending()
    }

    /// Continues every pending job (after a crash, a kill or while offline), one after another.
    pub async fn resume_pending_jobs(
        &self,
        progress: Arc<dyn ProgressListener>,
    ) -> Result<Vec<ResumedJob>> {
        let mut out = Vec::new();
        for entry in self.journal.pending()? {
            let job_id = entry.job_id.clone();
            let progress = Arc::clone(&progress);
            let resumed = if entry.enhanced {
                match self.runner().run_smart_selfie(entry, progress).await {
                    Ok(answer) => ResumedJob {
                        job_id,
                        result: Ok(answer.to_submit_result()),
                        smart_selfie: Some(answer),
                    },
                    Err(e) => ResumedJob { job_id, result: Err(e), smart_selfie: None },
                }
            } else {
                let result = self.runner().run(entry, progress).await;
                ResumedJob { job_id, result, smart_selfie: None }
            };
            out.push(resumed);
        }
        Ok(out)
    }

    /// Asks job_status once for a job (retrying transient failures within the retry budget).
    pub async fn job_status(&self, job: &JobRef) -> Result<JobStatus> {
        let signed = self.endpoints.sign(job, None).await?;
        self.endpoints.job_status(job, &signed).await
    }

    /// Enhanced KYC (job 5), synchronously: checks `request.id_info` with the ID authority and
    /// returns what it holds. One request (retried on transient failures), no capture and no
    /// journal: a retry with the same job_id gets the job the server already has.
    pub async fn enhanced_kyc(&self, request: &EnhancedKycRequest) -> Result<EnhancedKycResult> {
        self.endpoints.id_verification(&request.validate(false)?).await
    }

    /// Enhanced KYC (job 5), asynchronously: the server accepts the job and POSTs the result
    /// to `request.callback_url` (required); check it there with [`crate::verify_callback`].
    pub async fn enhanced_kyc_async(
        &self,
        request: &EnhancedKycRequest,
    ) -> Result<EnhancedKycAccepted> {
        self.endpoints.async_id_verification(&request.validate(true)?).await
    }

    /// Every product's countries and ID types (`GET /services`), for an ID form's pickers.
    /// Fetched once per client and environment; [`Client::refresh_lookups`] fetches anew.
    pub async fn services(&self, is_production: bool) -> Result<Arc<Services>> {
        let fetch = || self.endpoints.services(is_production);
        self.lookups.services.get(is_production, fetch).await
    }

    /// The ID types this partner has enabled and those needing consent
    /// (`POST /products_config`). Cached like [`Client::services`].
    pub async fn products_config(&self, is_production: bool) -> Result<Arc<ProductsConfig>> {
        let fetch = || self.endpoints.products_config(is_production);
        self.lookups.products_config.get(is_production, fetch).await
    }

    /// The documents accepted per country (`POST /valid_documents`). Cached like
    /// [`Client::services`].
    pub async fn valid_documents(&self, is_production: bool) -> Result<Arc<ValidDocuments>> {
        let fetch = || self.endpoints.valid_documents(is_production);
        self.lookups.valid_documents.get(is_production, fetch).await
    }

    /// Forgets the cached look-ups; the next call of each asks the server again.
    pub async fn refresh_lookups(&self) {
        self.lookups.clear().await;
    }
}
