//! The sandbox's own endpoints (outside `/v1`): counters, and the selfie behind `image_links`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::s3::{self, PresignedQuery};
use crate::state::SharedState;
use crate::stats::SandboxStats;

/// `GET /__sandbox/stats`.
pub(crate) async fn stats(State(state): State<SharedState>) -> Json<SandboxStats> {
    Json(state.counters.snapshot())
}

/// `GET <image_links.selfie_image>`: the job's selfie as uploaded (JPEG or PNG).
pub(crate) async fn selfie(
    State(state): State<SharedState>,
    Path((smile_job_id, file_name)): Path<(String, String)>,
    query: Result<Query<PresignedQuery>, QueryRejection>,
) -> Response {
    let path = format!("{}/{smile_job_id}/{file_name}", super::IMAGES_PREFIX);
    if let Err(reason) = s3::verify(&state, &path, query.as_deref().ok()) {
        return s3::denied(reason);
    }
    let no_such_key =
        || s3::error(StatusCode::NOT_FOUND, "NoSuchKey", "The specified key does not exist.");
    let Ok(id) = smile_job_id.parse::<u64>() else { return no_such_key() };
    match state.blocking(move |store| store.selfie(id)).await {
        Ok(Some(image)) => {
            let content_type =
                if image.starts_with(b"\x89PNG") { "image/png" } else { "image/jpeg" };
            ([(header::CONTENT_TYPE, content_type)], image).into_response()
        }
        Ok(None) => no_such_key(),
        Err(e) => e.into_response(),
    }
}
