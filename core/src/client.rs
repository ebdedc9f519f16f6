//! The Smile ID client: auth, prep_upload, zip upload, job_status polling.

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;

use crate::api::{self, AuthSmileRequest, AuthSmileResponse, JobStatusRequest, Metadatum, PrepUploadRequest, PrepUploadResponse};
use crate::config::{Auth, Config};
use crate::error::{Error, Result};
use crate::http::Http;
use crate::models::{JobType, WireIdInfo};
use crate::package::build_zip;
use crate::progress::{Progress, ProgressListener};
use crate::result::JobStatus;
use crate::signature::{self, Signed};
use crate::submit::{Job, SubmitJobRequest};
use crate::tags::TagStore;

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
    /// Polling stopped at its timeout before the job completed; the result goes to the callback.
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

/// The client. Cheap to clone; share one per app.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<Config>,
    http: Http,
    tags: TagStore,
}

impl Client {
    /// Creates a client over `config`, reading captures from `tags`.
    pub fn new(config: Config, tags: TagStore) -> Result<Self> {
        config.validate()?;
        let http = Http::new(&config)?;
        Ok(Client { config: Arc::new(config), http, tags })
    }

    /// The tag store this client reads.
    pub fn tags(&self) -> &TagStore {
        &self.tags
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs a whole job: validate, sign, prep_upload, zip upload, then poll job_status until the
    /// job completes or `job_status_polling_timeout_millis` passes.
    pub async fn submit_job(&self, request: &SubmitJobRequest, progress: Arc<dyn ProgressListener>) -> Result<SubmitJobResult> {
        let job = request.validate()?;
        let images = self.tags.images(&job.tag)?;
        if images.selfie.is_none() {
            return Err(Error::invalid("tag", "the tag has no selfie; capture it again"));
        }
        let base = self.config.base_url(job.is_production)?.to_string();
        let job_ref = JobRef {
            job_id: job.partner_params.job_id.clone(),
            user_id: job.partner_params.user_id.clone(),
            job_type: job.job_type,
            is_production: job.is_production,
        };
        tracing::info!(job_id = %job_ref.job_id, job_type = job.job_type.id(), "submitting job");

        progress.on_progress(Progress::Authenticating);
        let signed = self.signature_for(&base, &job_ref, job.id_info.as_ref()).await?;

        progress.on_progress(Progress::Preparing);
        let prepared = self.prep_upload(&base, &job, &signed).await?;
        if job.is_production && !prepared.upload_url.starts_with("https://") {
            return Err(Error::InsecureTransport("the server gave a non-https upload URL for a production job".into()));
        }

        let zip = {
            let id_info = job.id_info.as_ref().map(|info| WireIdInfo { info, entered: true });
            Bytes::from(build_zip(&images, id_info)?)
        };
        self.http
            .with_retry("upload", || {
                let listener = Arc::clone(&progress);
                let on_sent = move |sent, total| listener.on_progress(Progress::Uploading { sent, total });
                self.http.put_zip(&prepared.upload_url, zip.clone(), on_sent)
            })
            .await?;
        tracing::info!(job_id = %job_ref.job_id, "uploaded");

        let (status, timed_out) = self.poll(&base, &job_ref, &signed, job.poll_timeout, progress.as_ref()).await?;
        progress.on_progress(Progress::Done { job_complete: status.job_complete, job_success: status.job_success });
        Ok(SubmitJobResult {
            tag: job.tag,
            job_type: job.job_type,
            job_id: job_ref.job_id,
            user_id: job_ref.user_id,
            smile_job_id: prepared.smile_job_id,
            status,
            timed_out,
        })
    }

    /// Asks job_status once for a job.
    pub async fn job_status(&self, job: &JobRef) -> Result<JobStatus> {
        let base = self.config.base_url(job.is_production)?.to_string();
        let signed = self.signature_for(&base, job, None).await?;
        self.job_status_with(&base, job, &signed).await
    }

    async fn poll(
        &self,
        base: &str,
        job: &JobRef,
        signed: &Signed,
        timeout: std::time::Duration,
        progress: &dyn ProgressListener,
    ) -> Result<(JobStatus, bool)> {
        let deadline = Instant::now() + timeout;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let status = match self.job_status_with(base, job, signed).await {
                Ok(status) => status,
                // Transient trouble while time remains: keep polling rather than lose the job.
                Err(e) if e.is_transient() && Instant::now() < deadline => {
                    tracing::debug!(code = e.code(), "job_status failed, polling on");
                    tokio::time::sleep(self.config.poll_interval.min(deadline - Instant::now())).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            progress.on_progress(Progress::Polling { attempt, job_complete: status.job_complete });
            let now = Instant::now();
            if status.job_complete || now >= deadline {
                let timed_out = !status.job_complete;
                return Ok((status, timed_out));
            }
            tokio::time::sleep(self.config.poll_interval.min(deadline - now)).await;
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
        let (_, raw) = self.http.with_retry("job_status", || self.http.post_json::<_, serde_json::Value>(&url, &body)).await?;
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
        if let Some(geo) = &job.geo_info {
            metadata.push(Metadatum { name: "geolocation", value: serde_json::to_value(geo).expect("geo serialises"), timestamp: now });
        }
        let mut body = PrepUploadRequest {
            partner_params: job.partner_params.wire(job.job_type),
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
        let first = self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await;
        match first {
            // The job exists already (an earlier try reached the server): continue it, once.
            Err(Error::Api { code, .. }) if code == api::JOB_ALREADY_EXISTS => {
                tracing::info!(job_id = %job.partner_params.job_id, "job exists, retrying prep_upload with retry=true");
                body.retry = true;
                Ok(self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await?.0)
            }
            other => Ok(other?.0),
        }
    }

    async fn signature_for(&self, base: &str, job: &JobRef, id_info: Option<&crate::models::IdInfo>) -> Result<Signed> {
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
                let (auth, _): (AuthSmileResponse, _) = self.http.with_retry("auth_smile", || self.http.post_json(&url, &body)).await?;
                if !auth.success {
                    return Err(Error::InvalidResponse("auth_smile answered success=false".into()));
                }
                Ok(Signed { signature: auth.signature, timestamp: auth.timestamp })
            }
        }
    }
}
