//! The protocol calls: a signature (locally, from the partner's backend or via auth_smile),
//! prep_upload, the zip PUT and job_status with its signature check. One call each; the job
//! runner decides when to call them.

use std::sync::Arc;

use bytes::Bytes;

use crate::api::{
    self, AcceptedResponse, AuthSmileRequest, AuthSmileResponse, IdVerificationRequest,
    JobStatusRequest, Metadatum, PrepUploadRequest, PrepUploadResponse, SignedRequest, WireConsent,
};
use crate::config::{Auth, Config};
use crate::enhanced_kyc::{EnhancedKycAccepted, EnhancedKycJob, EnhancedKycResult};
use crate::error::{Error, Result};
use crate::http::Http;
use crate::lookups::{ProductsConfig, Services, ValidDocuments};
use crate::models::{GeoInfo, IdInfo, JobRef, JobType, WireIdInfo};
use crate::result::JobStatus;
use crate::signature::{self, Signed};
use crate::submit::{generate_job_id, Job};

/// The `metadata` items every job carries: this SDK, its version and where the device was.
pub(crate) fn sdk_metadata(geo: Option<&GeoInfo>) -> Vec<Metadatum> {
    let now = signature::iso_timestamp_now();
    let mut metadata = vec![
        Metadatum { name: "sdk", value: "smileid-rs".into(), timestamp: now.clone() },
        Metadatum {
            name: "sdk_version",
            value: env!("CARGO_PKG_VERSION").into(),
            timestamp: now.clone(),
        },
    ];
    if let Some(geo) = geo {
        metadata.push(Metadatum {
            name: "geolocation",
            value: serde_json::to_value(geo).expect("geo serialises"),
            timestamp: now,
        });
    }
    metadata
}

/// The endpoints of one configuration.
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    pub config: Arc<Config>,
    pub http: Http,
}

impl Endpoints {
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let http = Http::new(&config)?;
        Ok(Endpoints { config: Arc::new(config), http })
    }

    /// The base URL for a job, https only for production.
    pub fn base(&self, is_production: bool) -> Result<String> {
        Ok(self.config.base_url(is_production)?.to_string())
    }

    /// A signature for the job's requests, in the configured auth mode.
    pub async fn sign(&self, job: &JobRef, id_info: Option<&IdInfo>) -> Result<Signed> {
        match &self.config.auth {
            Auth::ApiKey(key) => Ok(signature::sign_now(key, &self.config.partner_id)),
            Auth::SignatureSource(source) => {
                let (source, partner) = (Arc::clone(source), self.config.partner_id.clone());
                tokio::task::spawn_blocking(move || source.signature(&partner))
                    .await
                    .map_err(|e| Error::Network(format!("signature source failed: {e}")))?
            }
            Auth::AuthToken(token) => {
                let url = format!("{}/auth_smile", self.base(job.is_production)?);
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
                let auth: AuthSmileResponse =
                    self.http.with_retry("auth_smile", || self.http.post_json(&url, &body)).await?;
                if !auth.success {
                    return Err(Error::InvalidResponse("auth_smile answered success=false".into()));
                }
                Ok(Signed { signature: auth.signature, timestamp: auth.timestamp })
            }
        }
    }

    /// Creates the job (`POST /upload`); a job the server already has (`2215`, an earlier try
    /// reached it) is asked for again once with `retry: true`.
    pub async fn prep_upload(&self, job: &Job, signed: &Signed) -> Result<PrepUploadResponse> {
        let url = format!("{}/upload", self.base(job.request.is_production)?);
        let metadata = sdk_metadata(job.request.geo_info.as_ref());
        let mut body = PrepUploadRequest {
            file_name: api::ZIP_FILE_NAME,
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
        let prepared: PrepUploadResponse =
            match self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await {
                Err(Error::Api { code, .. }) if code == api::JOB_ALREADY_EXISTS => {
                    tracing::info!(
                        job_id = %job.request.partner_params.job_id,
                        "job exists, prep_upload again with retry=true"
                    );
                    body.retry = true;
                    self.http.with_retry("prep_upload", || self.http.post_json(&url, &body)).await
                }
                other => other,
            }?;
        if job.request.is_production && !prepared.upload_url.starts_with("https://") {
            return Err(Error::InsecureTransport(
                "the server gave a non-https upload URL for a production job".into(),
            ));
        }
        Ok(prepared)
    }

    /// PUTs the zip to the pre-signed URL, reporting bytes sent.
    pub async fn upload_zip(
        &self,
        upload_url: &str,
        zip: Bytes,
        on_sent: impl Fn(u64, u64) + Clone + Send + Sync + 'static,
    ) -> Result<()> {
        self.http
            .with_retry("upload", || self.http.put_zip(upload_url, zip.clone(), on_sent.clone()))
            .await
    }

    /// One job_status request, no retry (the poll loop is the retry layer), checked against
    /// the partner's API key when the client holds it.
    pub async fn job_status_once(&self, job: &JobRef, signed: &Signed) -> Result<JobStatus> {
        let url = format!("{}/job_status", self.base(job.is_production)?);
        let body = JobStatusRequest {
            user_id: &job.user_id,
            job_id: &job.job_id,
            image_links: false,
            history: false,
            partner_id: &self.config.partner_id,
            timestamp: &signed.timestamp,
            signature: &signed.signature,
        };
        let status = JobStatus::parse(&self.http.post_raw(&url, &body).await?)?;
        // Only a holder of the API key can check the server's signature.
        if let Auth::ApiKey(key) = &self.config.auth {
            if !signature::verify(
                key,
                &self.config.partner_id,
                &status.timestamp,
                &status.signature,
            ) {
                return Err(Error::SignatureMismatch(
                    "job_status response is not signed with this partner's API key".into(),
                ));
            }
        }
        Ok(status)
    }

    /// One job_status answer, retried on transient failures within the retry budget.
    pub async fn job_status(&self, job: &JobRef, signed: &Signed) -> Result<JobStatus> {
        self.http.with_retry("job_status", || self.job_status_once(job, signed)).await
    }

    /// Enhanced KYC: `/id_verification` answers with the result; `/async_id_verification`
    /// (`answer_at_callback`) only accepts the job. Retried on transient failures: the server
    /// answers a repeated job_id with the job it already has.
    async fn id_verification_raw(
        &self,
        job: &EnhancedKycJob,
        answer_at_callback: bool,
    ) -> Result<String> {
        let job_ref = job.job_ref();
        let signed = self.sign(&job_ref, Some(&job.id_info)).await?;
        let path = if answer_at_callback { "async_id_verification" } else { "id_verification" };
        let url = format!("{}/{path}", self.base(job_ref.is_production)?);
        let (info, request) = (&job.id_info, &job.request);
        let metadata = sdk_metadata(None);
        let body = IdVerificationRequest {
            id_info: WireIdInfo { entered: None, ..info.wire() },
            consent_information: request
                .consent_information
                .as_ref()
                .map(|consented| WireConsent { consented }),
            phone_number: request.phone_number.as_deref(),
            callback_url: &job.callback_url,
            partner_params: job.partner_params.wire(JobType::EnhancedKyc),
            partner_id: &self.config.partner_id,
            source_sdk: "rest_api",
            source_sdk_version: env!("CARGO_PKG_VERSION"),
            timestamp: &signed.timestamp,
            signature: &signed.signature,
            metadata: &metadata,
        };
        self.http.with_retry(path, || self.http.post_raw(&url, &body)).await
    }

    /// `POST /id_verification`: the ID authority's answer.
    pub async fn id_verification(&self, job: &EnhancedKycJob) -> Result<EnhancedKycResult> {
        let raw = self.id_verification_raw(job, false).await?;
        let json: serde_json::Value = serde_json::from_str(&raw)
            .map_err(|e| Error::InvalidResponse(format!("id_verification is not JSON: {e}")))?;
        EnhancedKycResult::from_json(&json)
    }

    /// `POST /async_id_verification`: accepted; the result goes to the callback URL.
    pub async fn async_id_verification(&self, job: &EnhancedKycJob) -> Result<EnhancedKycAccepted> {
        let raw = self.id_verification_raw(job, true).await?;
        let answer: AcceptedResponse = serde_json::from_str(&raw)
            .map_err(|e| Error::InvalidResponse(format!("async_id_verification: {e}")))?;
        if !answer.success {
            return Err(Error::InvalidResponse(
                "async_id_verification answered success=false".into(),
            ));
        }
        let params = &job.partner_params;
        Ok(EnhancedKycAccepted { job_id: params.job_id.clone(), user_id: params.user_id.clone() })
    }

    /// `GET /services` (no signature).
    pub async fn services(&self, is_production: bool) -> Result<Services> {
        let url = format!("{}/services", self.base(is_production)?);
        self.http.with_retry("services", || self.http.get_json(&url)).await
    }

    /// A signed look-up: `products_config` or `valid_documents`.
    async fn signed_lookup<T: serde::de::DeserializeOwned>(
        &self,
        path: &'static str,
        is_production: bool,
    ) -> Result<T> {
        // Only the auth-token mode reads the job: its auth_smile call needs one.
        let job = JobRef {
            job_id: generate_job_id(),
            user_id: String::from("lookup"),
            job_type: JobType::EnhancedKyc,
            is_production,
        };
        let signed = self.sign(&job, None).await?;
        let url = format!("{}/{path}", self.base(is_production)?);
        let body = SignedRequest {
            partner_id: &self.config.partner_id,
            timestamp: &signed.timestamp,
            signature: &signed.signature,
        };
        self.http.with_retry(path, || self.http.post_json(&url, &body)).await
    }

    /// `POST /products_config`.
    pub async fn products_config(&self, is_production: bool) -> Result<ProductsConfig> {
        self.signed_lookup("products_config", is_production).await
    }

    /// `POST /valid_documents`.
    pub async fn valid_documents(&self, is_production: bool) -> Result<ValidDocuments> {
        self.signed_lookup("valid_documents", is_production).await
    }
}
