//! `POST /v1/upload` ("prep_upload", §3.2): creates the job and mints its upload URL.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use smileid_core::JobType;

use super::recording::ConcernsJob;
use crate::errors::{code, ApiError};
use crate::results::smile_job_id;
use crate::state::SharedState;
use crate::stats::bump;
use crate::store::{NewJob, Refusal};
use crate::wire::{
    callback_url, lenient_bool, lenient_string, required, strict_string, SmileJson,
    WirePartnerParams,
};

#[derive(Deserialize)]
pub(crate) struct PrepUploadRequest {
    #[serde(default)]
    partner_params: Option<WirePartnerParams>,
    #[serde(default, deserialize_with = "lenient_string")]
    callback_url: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    allow_new_enroll: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    retry: Option<bool>,
    /// The SDKs send the partner id as `smile_client_id`; `partner_id` is accepted too. Both are
    /// strings in every official client, so a number is refused, as is a pair that disagrees.
    #[serde(default, deserialize_with = "strict_string")]
    smile_client_id: Option<String>,
    #[serde(default, deserialize_with = "strict_string")]
    partner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    signature: Option<String>,
}

pub(crate) async fn prep_upload(
    State(state): State<SharedState>,
    headers: HeaderMap,
    SmileJson(req): SmileJson<PrepUploadRequest>,
) -> Result<(Extension<ConcernsJob>, Json<Value>), ApiError> {
    if let (Some(client), Some(partner)) = (&req.smile_client_id, &req.partner_id) {
        if client != partner {
            return Err(ApiError::wrong_type(
                "partner_id",
                format!(
                    "\"{partner}\" contradicts smile_client_id \"{client}\"; send one partner id \
                     (smile_client_id) or the same in both"
                ),
            ));
        }
    }
    let (field, partner) = match &req.smile_client_id {
        Some(_) => ("smile_client_id", &req.smile_client_id),
        None if req.partner_id.is_some() => ("partner_id", &req.partner_id),
        None => ("smile_client_id", &req.smile_client_id),
    };
    let (partner_id, _) = state.authenticate(field, partner, &req.timestamp, &req.signature)?;
    let new = new_job(partner_id, &req)?;
    let job_id = new.job_id.clone();
    let prepared = state.blocking(move |store| store.prepare_job(new)).await?;
    let job = match prepared {
        Ok((job, false)) => {
            bump(&state.counters.jobs_created);
            tracing::info!(
                smile_job_id = job.smile_job_id,
                job_type = job.job_type.id(),
                "job created"
            );
            job
        }
        Ok((job, true)) => {
            bump(&state.counters.duplicates_refused);
            job
        }
        Err(refusal) => {
            if refusal == Refusal::JobExists {
                bump(&state.counters.duplicates_refused);
            }
            return Err(refusal_error(refusal, &job_id));
        }
    };
    let job_ref = Extension(ConcernsJob(job.smile_job_id));
    let smile_job_id = smile_job_id(job.smile_job_id);
    // The ref_id mimics S3's `<partner_id>-<smile_job_id>-<random>`; a fresh one per call, so a
    // retry gets a fresh URL for the same job.
    let partner_tag: String = partner_id.chars().filter(char::is_ascii_alphanumeric).collect();
    let ref_id = format!("{partner_tag}-{smile_job_id}-{}", uuid::Uuid::new_v4().simple());
    let path = format!("{}/{ref_id}/selfie.zip", super::UPLOADS_PREFIX);
    let upload_url = format!("{}{path}?{}", state.origin(&headers), state.presigner.query(&path));
    Ok((
        job_ref,
        Json(json!({
        "code": "2202",
        "ref_id": ref_id,
        "upload_url": upload_url,
        "smile_job_id": smile_job_id,
            "camera_config": "null",
        })),
    ))
}

/// Validates the job part of the request.
fn new_job(partner_id: &str, req: &PrepUploadRequest) -> Result<NewJob, ApiError> {
    let params = req.partner_params.as_ref().ok_or_else(|| ApiError::missing("partner_params"))?;
    let job_type = params.job_type.ok_or_else(|| ApiError::missing("partner_params.job_type"))?;
    let job_type = JobType::from_id(job_type)
        .ok()
        .filter(|t| *t != JobType::EnhancedKyc)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                code::INVALID_JOB_TYPE,
                format!(
                    "partner_params.job_type: {job_type} is not supported here; use 1 \
                     (Biometric KYC), 2 (SmartSelfie Authentication), 4 (SmartSelfie \
                     Enrollment), 6 (Document Verification) or 11 (Enhanced Document \
                     Verification); Enhanced KYC (5) is POST /v1/id_verification"
                ),
            )
        })?;
    let extras = params.job_extras()?;
    let callback_url = callback_url(&req.callback_url)?;
    Ok(NewJob {
        partner_id: partner_id.to_string(),
        job_id: required(&params.job_id, "partner_params.job_id")?.to_string(),
        user_id: required(&params.user_id, "partner_params.user_id")?.to_string(),
        job_type,
        callback_url,
        extras,
        retry: req.retry.unwrap_or(false),
        allow_new_enroll: req.allow_new_enroll.unwrap_or(false),
        v2: false,
    })
}

pub(crate) fn refusal_error(refusal: Refusal, job_id: &str) -> ApiError {
    let bad_request = |code, message: String| ApiError::new(StatusCode::BAD_REQUEST, code, message);
    match refusal {
        Refusal::JobExists => bad_request(
            code::JOB_EXISTS,
            format!(
                "partner_params.job_id: Job already exists for job_id {job_id}. Did you mean to \
                 set the retry flag to true?"
            ),
        ),
        Refusal::AlreadyEnrolled => bad_request(
            code::ALREADY_ENROLLED,
            "partner_params.user_id: this user is already enrolled; set allow_new_enroll to true \
             to enrol again"
                .into(),
        ),
        Refusal::NotEnrolled => bad_request(
            code::NOT_ENROLLED,
            "partner_params.user_id: no enrolled user found; enrol the user with job type 4 (or \
             1) first"
                .into(),
        ),
    }
}
