//! `POST /v2/smart-selfie-enroll` and `POST /v2/smart-selfie-authentication` (§3.5): one
//! multipart request, signed in headers, answered with the decision. The job is kept like a v1
//! job (its images packed as an upload zip), judged at once by the same rules, listed on the
//! dashboard and readable on job_status. A provisional outcome (`sandbox_result` 2, or forced
//! from the dashboard) answers `pending`: the job is then judged after the processing delay, as
//! an uploaded v1 job is, and completes on job_status.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::{Extension, Json};
use serde_json::{json, Value};
use smileid_core::protocol::signature::iso_timestamp_now;
use smileid_core::JobType;
use zip::write::SimpleFileOptions;

use super::recording::ConcernsJob;
use super::upload::refusal_error;
use crate::errors::ApiError;
use crate::multipart::{self, Part};
use crate::rules::NOT_ENROLLED;
use crate::state::SharedState;
use crate::stats::bump;
use crate::store::{Job, JobState, NewJob, UploadOutcome};
use crate::wire;

/// The forced result that answers `pending` (provisional, awaiting review).
const PENDING: &str = "2";

pub(crate) async fn enroll(
    state: State<SharedState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(Extension<ConcernsJob>, Json<Value>), ApiError> {
    smart_selfie(state, headers, body, JobType::SmartSelfieEnrollment).await
}

pub(crate) async fn authenticate(
    state: State<SharedState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(Extension<ConcernsJob>, Json<Value>), ApiError> {
    smart_selfie(state, headers, body, JobType::SmartSelfieAuthentication).await
}

/// What the form says, checked.
struct Form {
    selfie: Vec<u8>,
    liveness: Vec<Vec<u8>>,
    user_id: Option<String>,
    extras: BTreeMap<String, String>,
    callback_url: String,
    sandbox_result: Option<String>,
    allow_new_enroll: bool,
}

async fn smart_selfie(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Bytes,
    job_type: JobType,
) -> Result<(Extension<ConcernsJob>, Json<Value>), ApiError> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .filter(|v| !v.is_empty())
    };
    let partner_id = header("SmileID-Partner-ID");
    let (timestamp, signature) = (header("SmileID-Timestamp"), header("SmileID-Request-Signature"));
    for (name, value) in [
        ("SmileID-Partner-ID", &partner_id),
        ("SmileID-Timestamp", &timestamp),
        ("SmileID-Request-Signature", &signature),
    ] {
        if value.is_none() {
            return Err(ApiError::missing(&format!("header {name}")));
        }
    }
    let (partner_id, _) =
        state.authenticate("SmileID-Partner-ID", &partner_id, &timestamp, &signature)?;
    let form = read_form(&headers, &body)?;
    let user_id = match (form.user_id.clone(), job_type) {
        (Some(user_id), _) => user_id,
        (None, JobType::SmartSelfieAuthentication) => return Err(ApiError::missing("user_id")),
        (None, _) => format!("user-{}", uuid::Uuid::new_v4()),
    };
    let enrolled = {
        let (partner, user) = (partner_id.to_string(), user_id.clone());
        state.blocking(move |store| store.is_enrolled(&partner, &user)).await?
    };
    let new = NewJob {
        partner_id: partner_id.to_string(),
        job_id: format!("job-{}", uuid::Uuid::new_v4()),
        user_id,
        job_type,
        callback_url: form.callback_url.clone(),
        extras: form.extras.clone(),
        retry: false,
        allow_new_enroll: form.allow_new_enroll,
        v2: true,
    };
    let job_id = new.job_id.clone();
    let job = match state.blocking(move |store| store.prepare_job(new)).await? {
        Ok((job, _)) => job,
        Err(refusal) => return Err(refusal_error(refusal, &job_id)),
    };
    bump(&state.counters.jobs_created);
    let zip = package(&form);
    let smile_job_id = job.smile_job_id;
    let queued = state.blocking(move |store| store.accept_upload(smile_job_id, &zip)).await?;
    let Some(UploadOutcome::Queued(job)) = queued else {
        return Err(ApiError::internal("the job vanished while it was created"));
    };
    let forced = if job_type == JobType::SmartSelfieAuthentication && !enrolled {
        Some(NOT_ENROLLED.to_string())
    } else {
        let taken = job.clone();
        let dashboard = state.blocking(move |store| store.take_forced_result(&taken)).await?;
        dashboard.or(form.sandbox_result)
    };
    let concerns = Extension(ConcernsJob(smile_job_id));
    if forced.as_deref() == Some(PENDING) {
        let code = if job_type == JobType::SmartSelfieEnrollment { "0842" } else { "0822" };
        let text = "Machine Judgement - Pure Provisional, awaiting human judgement";
        let answer = answer(&job, "pending", code, text);
        state.processor.enqueue(job);
        return Ok((concerns, Json(answer)));
    }
    let done = state
        .processor
        .judge_now(job, forced)
        .await
        .ok_or_else(|| ApiError::internal("the job could not be judged"))?;
    let JobState::Complete(completion) = &done.state else {
        return Err(ApiError::internal("the job was judged but is not complete"));
    };
    let result: Value = serde_json::from_str(completion.result.get()).expect("results are JSON");
    let status = if completion.success { "approved" } else { "rejected" };
    let (code, text) = (result["ResultCode"].as_str(), result["ResultText"].as_str());
    Ok((concerns, Json(answer(&done, status, code.unwrap_or_default(), text.unwrap_or_default()))))
}

/// The `SmartSelfieResponse` (§3.5).
fn answer(job: &Job, status: &str, code: &str, message: &str) -> Value {
    json!({
        "code": code,
        "created_at": job.created_at,
        "job_id": job.job_id,
        "job_type": match job.job_type {
            JobType::SmartSelfieEnrollment => "smart_selfie_enrollment",
            _ => "smart_selfie_authentication",
        },
        "message": message,
        "partner_id": job.partner_id,
        "partner_params": job.extras,
        "status": status,
        "updated_at": iso_timestamp_now(),
        "user_id": job.user_id,
    })
}

/// Parses and checks the form; errors name the part.
fn read_form(headers: &HeaderMap, body: &[u8]) -> Result<Form, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let boundary = content_type.and_then(multipart::boundary).ok_or_else(|| {
        ApiError::wrong_type(
            "Content-Type",
            "must be multipart/form-data with a boundary (the v2 endpoints take a form)",
        )
    })?;
    let parts = multipart::parse(body, &boundary)
        .map_err(|why| ApiError::wrong_type("body", format!("malformed multipart form: {why}")))?;
    let text = |name: &str| -> Result<Option<String>, ApiError> {
        parts
            .iter()
            .find(|p| p.name == name)
            .map(|p| {
                String::from_utf8(p.bytes.clone())
                    .map(|s| s.trim().to_string())
                    .map_err(|_| ApiError::wrong_type(name, "must be UTF-8 text"))
            })
            .transpose()
            .map(|v| v.filter(|s| !s.is_empty()))
    };
    let files = |name: &str| -> Vec<&Part> { parts.iter().filter(|p| p.name == name).collect() };
    let selfie = match files("selfie_image")[..] {
        [] => return Err(ApiError::missing("selfie_image")),
        [one] => one.bytes.clone(),
        _ => return Err(ApiError::wrong_type("selfie_image", "send one selfie, not several")),
    };
    let extras = match text("partner_params")? {
        None => BTreeMap::new(),
        Some(json) => serde_json::from_str::<BTreeMap<String, String>>(&json).map_err(|e| {
            ApiError::wrong_type("partner_params", format!("must be a JSON object of strings: {e}"))
        })?,
    };
    let callback_url = wire::callback_url(&text("callback_url")?)?;
    let sandbox_result = text("sandbox_result")?;
    if sandbox_result.as_deref().is_some_and(|v| !matches!(v, "0" | "1" | "2")) {
        return Err(ApiError::wrong_type(
            "sandbox_result",
            "must be 0 (approve), 1 (reject) or 2 (provisional: answered pending)",
        ));
    }
    let allow_new_enroll = match text("allow_new_enroll")?.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::wrong_type("allow_new_enroll", "must be true or false")),
    };
    if let Some(metadata) = text("metadata")? {
        if !serde_json::from_str::<Value>(&metadata).is_ok_and(|v| v.is_array()) {
            return Err(ApiError::wrong_type("metadata", "must be a JSON array"));
        }
    }
    Ok(Form {
        selfie,
        liveness: files("liveness_images").into_iter().map(|p| p.bytes.clone()).collect(),
        user_id: text("user_id")?,
        extras,
        callback_url,
        sandbox_result,
        allow_new_enroll,
    })
}

/// The images as an upload zip in the mobile form (§5.1), so v2 jobs are stored, judged and
/// shown like v1 jobs.
fn package(form: &Form) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut images = Vec::new();
    let files = std::iter::once(("0", "si_selfie_v2.jpg".to_string(), &form.selfie)).chain(
        form.liveness.iter().enumerate().map(|(i, b)| ("4", format!("si_liveness_v2_{i}.jpg"), b)),
    );
    for (type_id, name, bytes) in files {
        zip.start_file(name.as_str(), stored).expect("in-memory zip");
        zip.write_all(bytes).expect("in-memory zip");
        images.push(json!({"image_type_id": type_id, "file_name": name}));
    }
    zip.start_file("info.json", stored).expect("in-memory zip");
    let info = json!({ "package_information": { "apiVersion": { "buildNumber": 0, "majorVersion": 2,
        "minorVersion": 0 } }, "images": images });
    zip.write_all(info.to_string().as_bytes()).expect("in-memory zip");
    zip.finish().expect("in-memory zip").into_inner()
}
