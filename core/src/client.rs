//! The Smile ID client: auth, prep_upload, zip upload and job_status polling, with every step
//! recorded in the job journal so a job is finished exactly once whatever happens to the process.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::api::{self, AuthSmileRequest, AuthSmileResponse, JobStatusRequest, Metadatum, PrepUploadRequest, PrepUploadResponse};
use crate::config::{Auth, Config};
use crate::error::{Error, Result};
use crate::http::Http;
use crate::journal::{JobState, Journal, JournalEntry};
use crate::models::{IdInfo, JobType};
use crate::package::build_zip;
use crate::progress::{Progress, ProgressListener};
use crate::result::JobStatus;
use crate::signature::{self, Signed};
use crate::submit::{Job, SubmitJobRequest};
use crate::tags::TagStore;

/// File name of the journal inside the tag store's folder (not a valid tag name, so never
/// listed as a tag).
pub const JOURNAL_FILE: &str = ".journal.sqlite3";
/// job_status code meaning the server holds no zip for the job.
const NO_ZIP_RECEIVED: &str = "2314";
/// How many times a job whose upload the server lost is uploaded again.
const MAX_REUPLOADS: u32 = 3;

/// What `submit_job` returns.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitJobResult {
    pub tag: String,
    pub job_type: JobType,
    /// The job and user ids used (generated ones included).
    pub job_id: String,
    pub user_id: String,
    /// Smile ID's job number from prep_upload.
    pub smile_job_id: String,
    /// The last job_status answer.
    pub status: JobStatus,
    /// Polling stopped at its timeout before the job completed; the result goes to the callback
    /// and `resume_pending_jobs` will poll it again.
    pub timed_out: bool,
}

/// A job's identity, as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRef {
    pub job_id: String,
    pub user_id: String,
    pub job_type: JobType,
    pub is_production: bool,
}

/// The outcome of one resumed job.
#[derive(Debug)]
pub struct ResumedJob {
    pub job_id: String,
    pub result: Result<SubmitJobResult>,
}

/// The client. Cheap to clone; share one per app.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<Config>,
    http: Http,
    tags: TagStore,
    journal: Arc<Journal>,
}

impl Client {
    /// Creates a client over `config`, reading captures from `tags` and journalling jobs in
    /// [`JOURNAL_FILE`] beside them.
    pub fn new(config: Config, tags: TagStore) -> Result<Self> {
        config.validate()?;
        let http = Http::new(&config)?;
        let journal = Arc::new(Journal::open(&tags.root().join(JOURNAL_FILE))?);
        Ok(Client { config: Arc::new(config), http, tags, journal })
    }

    /// The tag store this client reads.
    pub fn tags(&self) -> &TagStore {
        &self.tags
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The job journal.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Runs a whole job: validate, record it in the journal, sign, prep_upload, upload the zip,
    /// then poll job_status until the job completes or `job_status_polling_timeout_millis`
    /// passes. A job_id the journal already knows is continued from where it stopped (a
    /// completed one returns its recorded result without contacting the server).
    pub async fn submit_job(&self, request: &SubmitJobRequest, progress: Arc<dyn ProgressListener>) -> Result<SubmitJobResult> {
        let entry = self.record(request)?;
        self.run(entry, progress).await
    }

    /// Records a job without sending anything (offline mode); `resume_pending_jobs` submits it
    /// later. Returns the job_id.
    pub fn enqueue_job(&self, request: &SubmitJobRequest) -> Result<String> {
        Ok(self.record(request)?.job_id)
    }

    /// Jobs recorded but not yet complete or failed.
    pub fn pending_jobs(&self) -> Result<Vec<JournalEntry>> {
        self.journal.pending()
    }

    /// Continues every pending job (after a crash, a kill or while offline), one after another.
    pub async fn resume_pending_jobs(&self, progress: Arc<dyn ProgressListener>) -> Result<Vec<ResumedJob>> {
        let mut out = Vec::new();
        for entry in self.journal.pending()? {
            let job_id = entry.job_id.clone();
            let result = self.run(entry, Arc::clone(&progress)).await;
            out.push(ResumedJob { job_id, result });
        }
        Ok(out)
    }

    /// Asks job_status once for a job.
    pub async fn job_status(&self, job: &JobRef) -> Result<JobStatus> {
        let base = self.config.base_url(job.is_production)?.to_string();
        let signed = self.signature_for(&base, job, None).await?;
        self.job_status_with(&base, job, &signed).await
    }

    fn record(&self, request: &SubmitJobRequest) -> Result<JournalEntry> {
        let job = request.validate()?;
        match self.journal.get(&job.request.partner_params.job_id)? {
            // Failed jobs may be tried again under the same job_id.
            Some(e) if e.state == JobState::Failed => {
                self.journal.advance(&e.job_id, JobState::Captured, None, None, None)?;
                self.journal.get(&e.job_id)?.ok_or_else(|| Error::Storage("journal row vanished".into()))
            }
            Some(e) => Ok(e),
            None => {
                let images = self.tags.images(&job.request.tag)?;
                if images.selfie.is_none() {
                    return Err(Error::invalid("tag", "the tag has no selfie; capture it again"));
                }
                self.journal.record(&job.request)
            }
        }
    }

    /// Drives a journalled job to its end, recording each step.
    async fn run(&self, entry: JournalEntry, progress: Arc<dyn ProgressListener>) -> Result<SubmitJobResult> {
        let job = entry.request.validate()?;
        let job_id = entry.job_id.clone();
        let outcome = self.advance(&entry, &job, Arc::clone(&progress)).await;
        match &outcome {
            Ok(result) => progress.on_progress(&job_id, Progress::Done { job_complete: result.status.job_complete, job_success: result.status.job_success }),
            // Transient trouble and cancellation leave the job pending for resume_pending_jobs.
            Err(e) if e.is_transient() || matches!(e, Error::Cancelled) => {}
            Err(e) => {
                let code = match e {
                    Error::Api { code, .. } => code.as_str(),
                    other => other.code(),
                };
                self.journal.advance(&job_id, JobState::Failed, None, None, Some(code))?;
            }
        }
        outcome
    }

    async fn advance(&self, entry: &JournalEntry, job: &Job, progress: Arc<dyn ProgressListener>) -> Result<SubmitJobResult> {
        let job_ref = JobRef {
            job_id: job.request.partner_params.job_id.clone(),
            user_id: job.request.partner_params.user_id.clone(),
            job_type: job.job_type,
            is_production: job.request.is_production,
        };
        let result = |smile_job_id: String, status: JobStatus, timed_out| SubmitJobResult {
            tag: job.request.tag.clone(),
            job_type: job.job_type,
            job_id: job_ref.job_id.clone(),
            user_id: job_ref.user_id.clone(),
            smile_job_id,
            status,
            timed_out,
        };
        if entry.state == JobState::Complete {
            let raw = entry.status_raw.as_deref().ok_or_else(|| Error::Storage("completed job without a status".into()))?;
            return Ok(result(entry.smile_job_id.clone().unwrap_or_default(), JobStatus::parse(raw)?, false));
        }
        let base = self.config.base_url(job.request.is_production)?.to_string();
        tracing::info!(job_id = %job_ref.job_id, job_type = job.job_type.id(), state = ?entry.state, "running job");
        progress.on_progress(&job_ref.job_id, Progress::Authenticating);
        let signed = self.signature_for(&base, &job_ref, job.id_info.as_ref()).await?;

        let mut smile_job_id = entry.smile_job_id.clone().unwrap_or_default();
        let mut needs_upload = entry.state != JobState::Uploaded;
        let mut reuploads = 0;
        let deadline = Instant::now() + job.poll_timeout;
        loop {
            if needs_upload {
                smile_job_id = self.upload(&base, job, &signed, Arc::clone(&progress)).await?;
            }
            let (status, timed_out) = self.poll(&base, &job_ref, &signed, deadline, progress.as_ref()).await?;
            // The server has no zip although we sent one (the upload was lost): send it again.
            needs_upload = !status.job_complete && status.code == NO_ZIP_RECEIVED && reuploads < MAX_REUPLOADS;
            if needs_upload {
                tracing::info!(job_id = %job_ref.job_id, "server lost the upload, uploading again");
                reuploads += 1;
                continue;
            }
            if status.job_complete {
                self.journal.advance(&job_ref.job_id, JobState::Complete, None, Some(&status.raw), None)?;
                self.release_tag(&job.request.tag, &job_ref.job_id, status.job_success)?;
            } else {
                self.journal.advance(&job_ref.job_id, JobState::Uploaded, None, Some(&status.raw), None)?;
            }
            return Ok(result(smile_job_id, status, timed_out));
        }
    }

    /// prep_upload then the zip PUT; returns the smile_job_id.
    async fn upload(&self, base: &str, job: &Job, signed: &Signed, progress: Arc<dyn ProgressListener>) -> Result<String> {
        let job_id = job.request.partner_params.job_id.clone();
        progress.on_progress(&job_id, Progress::Preparing);
        let prepared = self.prep_upload(base, job, signed).await?;
        if job.request.is_production && !prepared.upload_url.starts_with("https://") {
            return Err(Error::InsecureTransport("the server gave a non-https upload URL for a production job".into()));
        }
        self.journal.advance(&job_id, JobState::Prepared, Some(&prepared.smile_job_id), None, None)?;

        let images = self.tags.images(&job.request.tag)?;
        let zip = Bytes::from(build_zip(&images, job.id_info.as_ref().map(IdInfo::wire))?);
        self.http
            .with_retry("upload", || {
                let (listener, job_id) = (Arc::clone(&progress), job_id.clone());
                let on_sent = move |sent, total| listener.on_progress(&job_id, Progress::Uploading { sent, total });
                self.http.put_zip(&prepared.upload_url, zip.clone(), on_sent)
            })
            .await?;
        self.journal.advance(&job_id, JobState::Uploaded, None, None, None)?;
        tracing::info!(job_id = %job_id, "uploaded");
        Ok(prepared.smile_job_id)
    }

    /// Deletes a succeeded job's tag unless configured to keep it or another pending job needs it.
    fn release_tag(&self, tag: &str, job_id: &str, success: bool) -> Result<()> {
        if !success || self.config.keep_tags_after_success || self.journal.tag_needed_by_other(tag, job_id)? {
            return Ok(());
        }
        match self.tags.delete(tag) {
            Ok(()) | Err(Error::TagNotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn poll(&self, base: &str, job: &JobRef, signed: &Signed, deadline: Instant, progress: &dyn ProgressListener) -> Result<(JobStatus, bool)> {
        let mut attempt = 0;
        let mut interval = self.config.first_poll_interval.min(self.config.poll_interval);
        let mut pause = |now: Instant| {
            let wait = interval.min(deadline.saturating_duration_since(now));
            interval = (interval * 2).min(self.config.poll_interval);
            wait
        };
        loop {
            attempt += 1;
            let status = match self.job_status_with(base, job, signed).await {
                Ok(status) => status,
                // Transient trouble while time remains: keep polling rather than give up.
                Err(e) if e.is_transient() && Instant::now() < deadline => {
                    tracing::debug!(code = e.code(), "job_status failed, polling on");
                    tokio::time::sleep(pause(Instant::now())).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            progress.on_progress(&job.job_id, Progress::Polling { attempt, job_complete: status.job_complete });
            let now = Instant::now();
            if status.job_complete || now >= deadline || status.code == NO_ZIP_RECEIVED {
                let timed_out = !status.job_complete;
                return Ok((status, timed_out));
            }
            tokio::time::sleep(pause(now).max(Duration::from_millis(1))).await;
        }
    }

    async fn job_status_with(&self, base: &str, job: &JobRef, signed: &Signed) -> Result<JobStatus> {
        let url = format!("{base}/job_status");
        let body = JobStatusRequest {
            user_id: &job.user_id,
            job_id: &job.job_id,
            image_links: false,
            history: false,
            partner_id: &self.config.partner_id,
            timestamp: &signed.timestamp,
            signature: &signed.signature,
        };
        let raw = self.http.with_retry("job_status", || self.http.post_raw(&url, &body)).await?;
        let status = JobStatus::parse(&raw)?;
        // Only a holder of the API key can check the server's signature.
        if let Auth::ApiKey(key) = &self.config.auth {
            if !signature::verify(key, &self.config.partner_id, &status.timestamp, &status.signature) {
                return Err(Error::SignatureMismatch("job_status response is not signed with this partner's API key".into()));
            }
        }
        Ok(status)
    }

    async fn prep_upload(&self, base: &str, job: &Job, signed: &Signed) -> Result<PrepUploadResponse> {
        let url = format!("{base}/upload");
        let now = signature::iso_timestamp_now();
        let mut metadata = vec![
            Metadatum { name: "sdk", value: "smileid-rs".into(), timestamp: now.clone() },
            Metadatum { name: "sdk_version", value: env!("CARGO_PKG_VERSION").into(), timestamp: now.clone() },
        ];
        if let Some(geo) = &job.request.geo_info {
            metadata.push(Metadatum { name: "geolocation", value: serde_json::to_value(geo).expect("geo serialises"), timestamp: now });
        }
        let mut body = PrepUploadRequest {
            partner_params: job.request.partner_params.wire(job.job_type),
            callback_url: &job.callback_url,
            allow_new_enroll: job.allow_new_enroll,
            use_enrolled_image: job.use_enrolled_image,
            smile_client_id: &self.config.partner_id,
            metadata: &metadata,
            retry: false,
            source_sdk: "rest_api",
            source_sdk_version: env!("CARGO_PKG_VERSION"),
            model_parameters: Default::default(),
            timestamp: &signed.timestamp,
            signature: &signed.signature,
        };
        match self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await {
            // The job exists already (an earlier try reached the server): continue it, once.
            Err(Error::Api { code, .. }) if code == api::JOB_ALREADY_EXISTS => {
                tracing::info!(job_id = %job.request.partner_params.job_id, "job exists, prep_upload again with retry=true");
                body.retry = true;
                self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await
            }
            other => other,
        }
    }

    async fn signature_for(&self, base: &str, job: &JobRef, id_info: Option<&IdInfo>) -> Result<Signed> {
        match &self.config.auth {
            Auth::ApiKey(key) => Ok(signature::sign_now(key, &self.config.partner_id)),
            Auth::SignatureSource(source) => {
                let (source, partner) = (Arc::clone(source), self.config.partner_id.clone());
                tokio::task::spawn_blocking(move || source.signature(&partner))
                    .await
                    .map_err(|e| Error::Network(format!("signature source failed: {e}")))?
            }
            Auth::AuthToken(token) => {
                let url = format!("{base}/auth_smile");
                let body = AuthSmileRequest {
                    job_type: job.job_type.id(),
                    enrollment: job.job_type == JobType::SmartSelfieEnrollment,
                    job_id: &job.job_id,
                    user_id: &job.user_id,
                    country: id_info.map(|i| i.country.as_str()),
                    id_type: id_info.map(|i| i.id_type.as_str()),
                    signature: true,
                    production: job.is_production,
                    partner_id: &self.config.partner_id,
                    auth_token: token,
                };
                let auth: AuthSmileResponse = self.http.with_retry("auth_smile", || self.http.post_json(&url, &body)).await?;
                if !auth.success {
                    return Err(Error::InvalidResponse("auth_smile answered success=false".into()));
                }
                Ok(Signed { signature: auth.signature, timestamp: auth.timestamp })
            }
        }
    }
}
