//! Records each API request that concerns a job (prep_upload, the zip PUTs, job_status) with the
//! answer and how long the sandbox took, for the dashboard. Handlers mark such responses with
//! [`ConcernsJob`]; bodies are stored without secrets ([`crate::redact`]), zips only by size.
//! Past a number of requests per job they are only counted (`MAX_EXCHANGES_PER_JOB`).

use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt as _;

use crate::redact::body_text;
use crate::state::SharedState;
use crate::store::{unix_millis, Exchange};

/// Largest body recorded; larger ones are recorded by size.
const MAX_RECORDED_BODY: usize = 64 * 1024;

/// Response extension naming the job (its SmileJobID) a request concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConcernsJob(pub u64);

/// Middleware: hands the request on unchanged and records the exchange if the response names a
/// job.
pub(crate) async fn record(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let (at_ms, started) = (unix_millis(), Instant::now());
    let method = request.method().clone();
    // The path only: query strings of pre-signed URLs are credentials.
    let path = request.uri().path().to_string();
    let (request_text, request) = if method == Method::PUT {
        (format!("<zip upload, {}>", declared_size(request.headers())), request)
    } else {
        let (parts, body) = request.into_parts();
        let (bytes, body) = peek(body).await;
        (recorded_text(bytes.as_deref()), Request::from_parts(parts, body))
    };
    let response = next.run(request).await;
    let Some(&ConcernsJob(smile_job_id)) = response.extensions().get::<ConcernsJob>() else {
        return response;
    };
    if !state.store.admit_exchange(smile_job_id) {
        return response;
    }
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (parts, body) = response.into_parts();
    let (bytes, body) = peek(body).await;
    let exchange = Exchange {
        at_ms,
        method: method.to_string(),
        path,
        status: parts.status.as_u16(),
        duration_ms,
        request: request_text,
        response: recorded_text(bytes.as_deref()),
    };
    let store = state.store.clone();
    // Written off the request's path: job_status answers without waiting for storage.
    tokio::task::spawn_blocking(move || {
        if let Err(e) = store.record_exchange(smile_job_id, &exchange) {
            tracing::warn!(error = %e, smile_job_id, "recording a request failed");
        }
    });
    Response::from_parts(parts, body)
}

fn declared_size(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| "size not declared".into(), |n| format!("{n} bytes"))
}

fn recorded_text(bytes: Option<&[u8]>) -> String {
    bytes.map_or_else(|| "<not recorded: larger than 64 KiB or unreadable>".into(), body_text)
}

/// Reads `body` up to [`MAX_RECORDED_BODY`]: its bytes if it fits, and a body that yields
/// exactly what `body` would have (the same bytes, the same error, the rest unread).
async fn peek(body: Body) -> (Option<Bytes>, Body) {
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                size += chunk.len();
                chunks.push(chunk);
                if size > MAX_RECORDED_BODY {
                    let read = futures_util::stream::iter(chunks.into_iter().map(Ok));
                    return (None, Body::from_stream(read.chain(stream)));
                }
            }
            Err(e) => {
                let read = chunks.into_iter().map(Ok).chain(std::iter::once(Err(e)));
                return (None, Body::from_stream(futures_util::stream::iter(read)));
            }
        }
    }
    let bytes = Bytes::from(chunks.concat());
    (Some(bytes.clone()), Body::from(bytes))
}
