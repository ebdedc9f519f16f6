//! `PUT <upload_url>` (§3.3): receives a job's zip. The first zip of a job is stored and queued;
//! any later PUT for the same job (a client retry) is acknowledged and ignored, so a job is
//! processed at most once.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::recording::ConcernsJob;
use super::s3::{self, PresignedQuery};
use crate::state::SharedState;
use crate::stats::bump;
use crate::store::UploadOutcome;

pub(crate) async fn put_zip(
    State(state): State<SharedState>,
    Path((ref_id, file_name)): Path<(String, String)>,
    query: Result<Query<PresignedQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let path = format!("{}/{ref_id}/{file_name}", super::UPLOADS_PREFIX);
    if let Err(reason) = s3::verify(&state, &path, query.as_deref().ok()) {
        return s3::denied(reason);
    }
    let zip = match body {
        Ok(zip) => zip,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return s3::error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
            )
        }
        Err(_) => {
            return s3::error(
                StatusCode::BAD_REQUEST,
                "IncompleteBody",
                "The request body could not be read",
            )
        }
    };
    // `<partner>-<smile_job_id>-<random>`, signed by us, so the id parses.
    let Some(smile_job_id) = ref_id.rsplit('-').nth(1).and_then(|id| id.parse::<u64>().ok()) else {
        return s3::error(
            StatusCode::NOT_FOUND,
            "NoSuchUpload",
            "The specified upload does not exist",
        );
    };
    let accepted = state.blocking(move |store| store.accept_upload(smile_job_id, &zip)).await;
    let job_ref = Extension(ConcernsJob(smile_job_id));
    match accepted {
        Ok(Some(UploadOutcome::Queued(job))) => {
            bump(&state.counters.uploads_accepted);
            state.processor.enqueue(job);
            (job_ref, StatusCode::OK).into_response()
        }
        Ok(Some(UploadOutcome::Duplicate)) => {
            bump(&state.counters.duplicate_uploads);
            (job_ref, StatusCode::OK).into_response()
        }
        Ok(None) => {
            s3::error(StatusCode::NOT_FOUND, "NoSuchUpload", "The specified upload does not exist")
        }
        Err(e) => e.into_response(),
    }
}
