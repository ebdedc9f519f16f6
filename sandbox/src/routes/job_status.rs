//! `POST /v1/job_status` (§3.4). Answered from the in-memory cache and signed with the partner's
//! key; this is the endpoint clients hammer, so it does no storage I/O.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use smileid_core::protocol::signature::sign_now;

use super::recording::ConcernsJob;
use crate::errors::{code, ApiError};
use crate::results::smile_job_id;
use crate::state::{AppState, SharedState};
use crate::store::{Job, JobState};
use crate::wire::{lenient_bool, lenient_string, required, SmileJson};

#[derive(Deserialize)]
pub(crate) struct JobStatusRequest {
    #[serde(default, deserialize_with = "lenient_string")]
    partner_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    signature: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    job_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    image_links: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    history: Option<bool>,
}

#[derive(Serialize)]
pub(crate) struct JobStatusResponse<'a> {
    timestamp: String,
    signature: String,
    job_complete: bool,
    job_success: bool,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<ResultField<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<&'a RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_links: Option<ImageLinks>,
}

/// `result` is a string until the job has a result object (§3.4).
#[derive(Serialize)]
#[serde(untagged)]
enum ResultField<'a> {
    Text(&'static str),
    Object(&'a RawValue),
}

#[derive(Serialize)]
struct ImageLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    selfie_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
}

pub(crate) async fn job_status(
    State(state): State<SharedState>,
    headers: HeaderMap,
    SmileJson(req): SmileJson<JobStatusRequest>,
) -> Result<Response, ApiError> {
    let (partner_id, partner) =
        state.authenticate("partner_id", &req.partner_id, &req.timestamp, &req.signature)?;
    let job_id = required(&req.job_id, "job_id")?;
    let user_id = required(&req.user_id, "user_id")?;
    let job =
        state.store.job(partner_id, job_id).filter(|j| j.user_id == user_id).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                code::NO_ZIP_RECEIVED,
                "job_id: no job with this job_id and user_id for this partner",
            )
        })?;
    let signed = sign_now(&partner.api_key, partner_id);
    let (job_complete, job_success, code, result) = match &job.state {
        JobState::AwaitingUpload => {
            (false, false, code::NO_ZIP_RECEIVED, Some(ResultField::Text("No zip file received")))
        }
        JobState::Processing => (false, false, "2302", None),
        JobState::Complete(c) => (true, c.success, "2302", Some(ResultField::Object(&c.result))),
    };
    let history = req.history.unwrap_or(false).then(|| match &job.state {
        JobState::Complete(c) => vec![&*c.result],
        _ => Vec::new(),
    });
    let image_links = req.image_links.unwrap_or(false).then(|| image_links(&state, &headers, &job));
    let response = JobStatusResponse {
        timestamp: signed.timestamp,
        signature: signed.signature,
        job_complete,
        job_success,
        code,
        result,
        history,
        image_links,
    };
    Ok((Extension(ConcernsJob(job.smile_job_id)), Json(response)).into_response())
}

fn image_links(state: &AppState, headers: &HeaderMap, job: &Job) -> ImageLinks {
    if !matches!(job.state, JobState::Complete(_)) {
        return ImageLinks {
            selfie_image: None,
            error: Some("No images yet: the job is not complete"),
        };
    }
    let path = format!("{}/{}/selfie.jpg", super::IMAGES_PREFIX, smile_job_id(job.smile_job_id));
    ImageLinks {
        selfie_image: Some(format!(
            "{}{path}?{}",
            state.origin(headers),
            state.presigner.query(&path)
        )),
        error: None,
    }
}
