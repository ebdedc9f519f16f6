//! `GET /dashboard/api/jobs/{smile_job_id}/export[?reveal=true]`: one job as a zip, to attach to
//! a bug report or replay: `job.json` (what the job view shows: parameters, result, requests,
//! callbacks; personal fields masked unless revealed) and the upload's own files under `upload/`.

use std::io::{Cursor, Write};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::jobs::{job_detail, Reveal};
use super::{parse_job_id, query, refused, Shared};
use crate::errors::ApiError;
use crate::results::smile_job_id;

pub(crate) async fn export(
    State(state): State<Shared>,
    Path(raw_id): Path<String>,
    reveal: Result<Query<Reveal>, QueryRejection>,
) -> Result<Response, ApiError> {
    let numeric = parse_job_id(&raw_id)?;
    let detail = job_detail(&state, numeric, query(reveal)?.reveal).await?;
    let job_json = serde_json::to_vec_pretty(&detail).expect("job views serialize");
    let upload =
        state.app.blocking(move |store| store.upload_zip(numeric)).await?.unwrap_or_default();
    let id = smile_job_id(numeric);
    let size = job_json.len() + upload.len();
    if size > state.max_export_bytes {
        return Err(refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "export of job {id} would be about {size} bytes, over the limit of {} bytes; \
                 start the sandbox with a larger --max-export-bytes",
                state.max_export_bytes
            ),
        ));
    }
    let zip = tokio::task::spawn_blocking(move || build(&job_json, &upload))
        .await
        .map_err(|_| ApiError::internal("building the export failed"))?
        .map_err(|e| ApiError::internal(format!("building the export failed: {e}")))?;
    let disposition = format!("attachment; filename=\"smileid-job-{id}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        zip,
    )
        .into_response())
}

/// `job.json`, then the upload's entries copied as they are (a corrupt upload as `upload.zip`).
fn build(job_json: &[u8], upload: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file("job.json", zip::write::SimpleFileOptions::default())?;
    out.write_all(job_json)?;
    if !upload.is_empty() {
        match zip::ZipArchive::new(Cursor::new(upload)) {
            Ok(mut archive) => {
                for i in 0..archive.len() {
                    let entry = archive.by_index_raw(i)?;
                    let name = format!("upload/{}", entry.name()?);
                    out.raw_copy_file_rename(entry, name)?;
                }
            }
            Err(_) => {
                out.start_file("upload.zip", zip::write::SimpleFileOptions::default())?;
                out.write_all(upload)?;
            }
        }
    }
    Ok(out.finish()?.into_inner())
}
