//! `POST /v1/id_verification` and `POST /v1/async_id_verification` (§3.6): Enhanced KYC, job 5.
//! The ID details come in the request itself; the sync form answers with the result object,
//! the async form with `{"success": true}` and POSTs the result to `callback_url`. Both record
//! the job, so job_status, the dashboard and forced results work as for the other jobs.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use smileid_core::protocol::id_types::Product;
use smileid_core::JobType;

use super::recording::ConcernsJob;
use crate::errors::{code, ApiError};
use crate::results;
use crate::rules;
use crate::state::SharedState;
use crate::stats::bump;
use crate::store::{Job, JobState, NewJob, Refusal};
use crate::upload_zip::IdInfo;
use crate::wire::{callback_url, lenient_string, required, SmileJson, WirePartnerParams};

#[derive(Deserialize)]
pub(crate) struct IdVerificationRequest {
    #[serde(default, deserialize_with = "lenient_string")]
    partner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    signature: Option<String>,
    #[serde(default)]
    partner_params: Option<WirePartnerParams>,
    #[serde(default, deserialize_with = "lenient_string")]
    callback_url: Option<String>,
    /// country, id_type, id_number and the rest of the body (names, dob, bank_code, ...).
    #[serde(flatten)]
    id_info: IdInfo,
}

/// What a request produced: its job (completed) and whether it was new.
struct Verified {
    job: Arc<Job>,
    new: bool,
}

pub(crate) async fn id_verification(
    State(state): State<SharedState>,
    SmileJson(req): SmileJson<IdVerificationRequest>,
) -> Result<Response, ApiError> {
    let verified = verify(&state, req, false).await?;
    let JobState::Complete(completion) = &verified.job.state else {
        return Err(ApiError::internal("Enhanced KYC job without a result"));
    };
    let body = completion.result.get().to_string();
    let concerns = Extension(ConcernsJob(verified.job.smile_job_id));
    if verified.new {
        state.processor.dispatch_callback(verified.job.clone());
    }
    Ok((concerns, [(header::CONTENT_TYPE, "application/json")], body).into_response())
}

pub(crate) async fn async_id_verification(
    State(state): State<SharedState>,
    SmileJson(req): SmileJson<IdVerificationRequest>,
) -> Result<Response, ApiError> {
    let verified = verify(&state, req, true).await?;
    let concerns = Extension(ConcernsJob(verified.job.smile_job_id));
    if verified.new {
        state.processor.dispatch_callback(verified.job.clone());
    }
    Ok((concerns, axum::Json(serde_json::json!({ "success": true }))).into_response())
}

/// Checks the request, then records and judges the job. A job_id already used for Enhanced
/// KYC answers with that job (a client's retry is safe); used for another job type, 2215.
async fn verify(
    state: &SharedState,
    req: IdVerificationRequest,
    needs_callback: bool,
) -> Result<Verified, ApiError> {
    let (partner_id, _) =
        state.authenticate("partner_id", &req.partner_id, &req.timestamp, &req.signature)?;
    let params = req.partner_params.as_ref().ok_or_else(|| ApiError::missing("partner_params"))?;
    let job_type = params.job_type.ok_or_else(|| ApiError::missing("partner_params.job_type"))?;
    if job_type != i64::from(JobType::EnhancedKyc.id()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            code::INVALID_JOB_TYPE,
            format!("partner_params.job_type: {job_type} is not Enhanced KYC; use 5"),
        ));
    }
    let callback_url = callback_url(&req.callback_url)?;
    if needs_callback && callback_url.is_empty() {
        return Err(ApiError::missing("callback_url"));
    }
    if let Some(field) = rules::missing_id_field(Product::EnhancedKyc, Some(&req.id_info)) {
        return Err(ApiError::missing(field));
    }
    let new = NewJob {
        partner_id: partner_id.to_string(),
        job_id: required(&params.job_id, "partner_params.job_id")?.to_string(),
        user_id: required(&params.user_id, "partner_params.user_id")?.to_string(),
        job_type: JobType::EnhancedKyc,
        callback_url,
        extras: params.job_extras()?,
        // Returns the existing job instead of refusing it; checked below.
        retry: true,
        allow_new_enroll: false,
        v2: false,
    };
    let (job_id, id_info) = (new.job_id.clone(), req.id_info);
    let judged = state
        .blocking(move |store| {
            let (job, existed) = match store.prepare_job(new)? {
                Ok(prepared) => prepared,
                Err(refusal) => return Ok(Err(refusal)),
            };
            if existed {
                return Ok(Ok(Verified { job, new: false }));
            }
            let forced = store.take_forced_result(&job)?;
            let outcome = rules::judge_id_verification(&job, &id_info, forced.as_deref());
            let completion = results::completion(&job, &outcome);
            let done = store.complete(&job, completion, None, false)?;
            Ok(Ok(Verified { job: done.unwrap_or(job), new: true }))
        })
        .await?;
    let repeat_of_this_job = |v: &Verified| {
        v.job.job_type == JobType::EnhancedKyc && matches!(v.job.state, JobState::Complete(_))
    };
    match judged {
        Ok(verified) if verified.new => {
            bump(&state.counters.jobs_created);
            bump(&state.counters.jobs_completed);
            let smile_job_id = verified.job.smile_job_id;
            tracing::info!(smile_job_id, job_type = 5, "job complete");
            Ok(verified)
        }
        Ok(verified) if repeat_of_this_job(&verified) => {
            bump(&state.counters.duplicates_refused);
            Ok(verified)
        }
        // Job 5 is never refused for enrolment, so a refusal is a used job id too.
        Ok(_) | Err(Refusal::JobExists | Refusal::AlreadyEnrolled | Refusal::NotEnrolled) => {
            bump(&state.counters.duplicates_refused);
            Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                code::JOB_EXISTS,
                format!(
                    "partner_params.job_id: Job already exists for job_id {job_id} (another job \
                     type); use a new job_id"
                ),
            ))
        }
    }
}
