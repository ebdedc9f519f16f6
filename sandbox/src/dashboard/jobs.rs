//! The dashboard's views of jobs: the list, one job in full, its images, and the stream of
//! change notices that keeps the page live.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::{Stream, StreamExt as _};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use smileid_core::JobType;

use super::{find_job, parse_job_id, query, refused, DashboardState, Shared};
use crate::errors::ApiError;
use crate::redact::{mask_personal, remove_secrets, without_query};
use crate::results::smile_job_id;
use crate::store::{CallbackAttempt, Exchange, Job, JobState};
use crate::upload_zip;

/// Strings longer than this in info.json (inline base64 images) are shown by length only.
const MAX_SHOWN_STRING: usize = 200;

/// `?reveal=true` shows personal fields; they are masked otherwise.
#[derive(Deserialize, Default)]
pub(crate) struct Reveal {
    #[serde(default)]
    pub reveal: bool,
}

/// A job as the list shows it.
#[derive(Serialize)]
pub(crate) struct JobSummary {
    smile_job_id: String,
    partner_id: String,
    job_id: String,
    user_id: String,
    job_type: u8,
    job_type_name: &'static str,
    state: &'static str,
    created_at: String,
    /// `ResultCode`, `ResultText` and `approved` / `rejected` / `provisional`, once complete.
    result: Option<Value>,
}

/// Everything the sandbox knows about one job (see the README for the fields).
#[derive(Serialize)]
pub(crate) struct JobDetail {
    #[serde(flatten)]
    summary: JobSummary,
    partner_params: Value,
    callback_url: String,
    uploads_received: u32,
    id_info: Option<Value>,
    info_json: Option<Value>,
    /// Why the upload could not be read, when it could not.
    upload_problem: Option<String>,
    images: Vec<Value>,
    result_object: Option<Value>,
    requests: Vec<Value>,
    /// Requests past the number recorded per job, counted only.
    requests_not_recorded: u32,
    callbacks: Vec<CallbackAttempt>,
    personal_data_shown: bool,
}

fn job_type_name(job_type: JobType) -> &'static str {
    match job_type {
        JobType::BiometricKyc => "Biometric KYC",
        JobType::SmartSelfieAuthentication => "SmartSelfie Authentication",
        JobType::SmartSelfieEnrollment => "SmartSelfie Enrollment",
        JobType::EnhancedKyc => "Enhanced KYC",
        JobType::DocumentVerification => "Document Verification",
        JobType::EnhancedDocumentVerification => "Enhanced Document Verification",
    }
}

fn result_object(job: &Job) -> Option<Value> {
    match &job.state {
        JobState::Complete(c) => serde_json::from_str(c.result.get()).ok(),
        _ => None,
    }
}

fn summary(job: &Job) -> JobSummary {
    let result = result_object(job).map(|r| {
        let verdict = match (&job.state, r["IsFinalResult"].as_str()) {
            (JobState::Complete(c), _) if c.success => "approved",
            (_, Some("false")) => "provisional",
            _ => "rejected",
        };
        json!({"code": r["ResultCode"], "text": r["ResultText"], "verdict": verdict})
    });
    JobSummary {
        smile_job_id: smile_job_id(job.smile_job_id),
        partner_id: job.partner_id.clone(),
        job_id: job.job_id.clone(),
        user_id: job.user_id.clone(),
        job_type: job.job_type.id(),
        job_type_name: job_type_name(job.job_type),
        state: match job.state {
            JobState::AwaitingUpload => "awaiting_upload",
            JobState::Processing => "processing",
            JobState::Complete(_) => "complete",
        },
        created_at: job.created_at.clone(),
        result,
    }
}

/// `GET /dashboard/api/jobs`: every job, newest first.
pub(crate) async fn list(State(state): State<Shared>) -> Json<Value> {
    let jobs: Vec<JobSummary> =
        state.app.store.jobs_newest_first().iter().map(|j| summary(j)).collect();
    Json(json!({ "jobs": jobs }))
}

/// `GET /dashboard/api/jobs/{smile_job_id}[?reveal=true]`.
pub(crate) async fn detail(
    State(state): State<Shared>,
    Path(raw_id): Path<String>,
    reveal: Result<Query<Reveal>, QueryRejection>,
) -> Result<Json<JobDetail>, ApiError> {
    Ok(Json(job_detail(&state, parse_job_id(&raw_id)?, query(reveal)?.reveal).await?))
}

/// One job in full; personal fields masked unless `reveal`.
pub(crate) async fn job_detail(
    state: &DashboardState,
    smile_job_id_number: u64,
    reveal: bool,
) -> Result<JobDetail, ApiError> {
    let job = find_job(state, smile_job_id_number)?;
    let id = job.smile_job_id;
    let (zip, exchanges, callbacks) = state
        .app
        .blocking(move |store| {
            Ok((store.upload_zip(id)?, store.exchanges(id)?, store.callback_attempts(id)?))
        })
        .await?;
    let mask = |mut value: Value| {
        if !reveal {
            mask_personal(&mut value);
        }
        value
    };
    let mut partner_params = Map::new();
    partner_params.insert("job_id".into(), job.job_id.clone().into());
    partner_params.insert("user_id".into(), job.user_id.clone().into());
    partner_params.insert("job_type".into(), job.job_type.id().into());
    partner_params.extend(job.extras.iter().map(|(k, v)| (k.clone(), v.clone().into())));
    let upload = zip.as_deref().map(upload_zip::read);
    let info_json = zip
        .as_deref()
        .and_then(upload_zip::info_json)
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .map(|mut info| {
            remove_secrets(&mut info);
            shorten_long_strings(&mut info);
            mask(info)
        });
    let id_info = info_json.as_ref().and_then(|info| info.get("id_info")).cloned();
    let images = match &upload {
        Some(Ok(upload)) => upload
            .images
            .iter()
            .enumerate()
            .map(|(index, image)| {
                json!({
                    "index": index,
                    "role": image.role.name(),
                    "name": image.name,
                    "url": format!("{}/api/jobs/{}/images/{index}", super::PATH, smile_job_id(id)),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(JobDetail {
        summary: summary(&job),
        partner_params: mask(Value::Object(partner_params)),
        callback_url: without_query(&job.callback_url),
        uploads_received: job.put_count,
        id_info,
        info_json,
        upload_problem: match upload {
            Some(Err(problem)) => Some(problem.to_string()),
            _ => None,
        },
        images,
        result_object: result_object(&job).map(mask),
        requests: exchanges.into_iter().map(|e| exchange_view(e, &mask)).collect(),
        requests_not_recorded: state.app.store.exchanges_not_recorded(id),
        callbacks,
        personal_data_shown: reveal,
    })
}

/// An exchange with its bodies as JSON where they are JSON (masked like the rest).
fn exchange_view(exchange: Exchange, mask: &impl Fn(Value) -> Value) -> Value {
    let body = |text: &str| match serde_json::from_str::<Value>(text) {
        Ok(value) => mask(value),
        Err(_) => Value::String(text.to_string()),
    };
    json!({
        "at_ms": exchange.at_ms,
        "method": exchange.method,
        "path": exchange.path,
        "status": exchange.status,
        "duration_ms": exchange.duration_ms,
        "request": body(&exchange.request),
        "response": body(&exchange.response),
    })
}

fn shorten_long_strings(value: &mut Value) {
    match value {
        Value::String(s) if s.len() > MAX_SHOWN_STRING => {
            *s = format!("<{} characters, not shown>", s.len());
        }
        Value::Object(fields) => fields.values_mut().for_each(shorten_long_strings),
        Value::Array(items) => items.iter_mut().for_each(shorten_long_strings),
        _ => {}
    }
}

/// `GET /dashboard/api/jobs/{smile_job_id}/images/{index}`: an image of the upload, as sent.
pub(crate) async fn image(
    State(state): State<Shared>,
    Path((raw_id, raw_index)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let job = find_job(&state, parse_job_id(&raw_id)?)?;
    let index: usize = raw_index.parse().map_err(|_| {
        ApiError::wrong_type("index", format!("`{raw_index}` is not an image number (0, 1, ...)"))
    })?;
    let id = job.smile_job_id;
    let zip = state.app.blocking(move |store| store.upload_zip(id)).await?;
    let image = zip
        .as_deref()
        .and_then(|zip| upload_zip::read(zip).ok())
        .and_then(|mut upload| (index < upload.images.len()).then(|| upload.images.remove(index)))
        .ok_or_else(|| {
            refused(
                StatusCode::NOT_FOUND,
                format!("index: job {} has no image {index}", smile_job_id(id)),
            )
        })?;
    let content_type = if image.bytes.starts_with(b"\x89PNG") { "image/png" } else { "image/jpeg" };
    Ok(([(header::CONTENT_TYPE, content_type)], image.bytes).into_response())
}

/// `GET /dashboard/api/events`: a `change` event (data: a revision number) whenever a job, a
/// request or a callback is recorded; the page reloads what it shows. Ends at shutdown.
pub(crate) async fn events(
    State(state): State<Shared>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.app.store.subscribe();
    let changes = futures_util::stream::unfold((receiver, true), |(mut rx, first)| async move {
        if !first {
            rx.changed().await.ok()?;
        }
        let revision = *rx.borrow_and_update();
        let event = Event::default().event("change").data(revision.to_string());
        Some((Ok(event), (rx, false)))
    });
    let shutdown = state.shutdown.clone().cancelled_owned();
    Sse::new(changes.take_until(shutdown))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
