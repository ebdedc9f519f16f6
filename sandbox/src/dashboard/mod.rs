//! The dashboard at `/dashboard`: a page (plain HTML, CSS and JavaScript embedded in the binary)
//! listing jobs as they happen, with each job's parameters, images, requests, result and
//! callbacks, and the controls testers need (force a result, inject faults, delete, export).
//! Everything the page does goes through the JSON API under `/dashboard/api`, which tests use.
//!
//! Access: on 127.0.0.1 anyone on the machine may use it; bound elsewhere, every request needs
//! the token printed at start ([`access`]). No answer ever carries the API key, auth token or a
//! signature.

mod access;
mod controls;
mod export;
mod jobs;

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{delete, get};
use axum::Router;
use tokio_util::sync::CancellationToken;

use crate::errors::{code, ApiError};
use crate::faults::Faults;
use crate::state::SharedState;

/// Where the page is served.
pub(crate) const PATH: &str = "/dashboard";

/// What the dashboard's handlers share.
pub(crate) struct DashboardState {
    pub app: SharedState,
    pub faults: Arc<Faults>,
    /// The development partner: users are deleted and results forced for it by default.
    pub partner_id: String,
    /// Required on every request when set (the sandbox listens beyond the loopback address).
    pub token: Option<String>,
    /// Port the sandbox listens on, to recognise loopback `Host` headers.
    pub port: u16,
    pub max_export_bytes: usize,
    /// Ends live-update streams at shutdown.
    pub shutdown: CancellationToken,
}

type Shared = Arc<DashboardState>;

/// The page, its assets and the API, behind the access check.
pub(crate) fn router<S: Clone + Send + Sync + 'static>(state: Shared) -> Router<S> {
    let api = Router::new()
        .route("/info", get(controls::info))
        .route("/events", get(jobs::events))
        .route("/jobs", get(jobs::list))
        .route("/jobs/{smile_job_id}", get(jobs::detail).delete(controls::delete_job))
        .route("/jobs/{smile_job_id}/images/{index}", get(jobs::image))
        .route("/jobs/{smile_job_id}/export", get(export::export))
        .route("/users/{user_id}", delete(controls::delete_user))
        .route("/forced", get(controls::forced).post(controls::force))
        .route("/faults", get(controls::faults).post(controls::set_faults));
    Router::new()
        .route(PATH, get(page))
        .route(&format!("{PATH}/dashboard.js"), get(script))
        .route(&format!("{PATH}/dashboard.css"), get(style))
        .nest(&format!("{PATH}/api"), api)
        .layer(axum::middleware::from_fn_with_state(state.clone(), access::check))
        .with_state(state)
}

/// `Content-Security-Policy` of the page: its own script, style and images only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)),
            // The page's address may carry the token: never send it on as a referrer.
            (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        body,
    )
}

async fn page() -> impl IntoResponse {
    asset("text/html; charset=utf-8", include_str!("page/index.html"))
}

async fn script() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", include_str!("page/dashboard.js"))
}

async fn style() -> impl IntoResponse {
    asset("text/css; charset=utf-8", include_str!("page/dashboard.css"))
}

/// A refusal of the dashboard API: the sandbox's `{"code","error"}` envelope.
fn refused(status: StatusCode, message: impl Into<String>) -> ApiError {
    ApiError::new(status, code::SYSTEM_ERROR, message)
}

/// Parses a SmileJobID from a path (`0000000001` or `1`).
fn parse_job_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse().map_err(|_| {
        ApiError::wrong_type(
            "smile_job_id",
            format!("`{raw}` is not a SmileJobID; use the digits of the job list, e.g. 0000000001"),
        )
    })
}

/// The job, or a 404 naming it.
fn find_job(state: &DashboardState, smile_job_id: u64) -> Result<Arc<crate::store::Job>, ApiError> {
    state.app.store.job_by_smile_id(smile_job_id).ok_or_else(|| no_such_job(smile_job_id))
}

fn no_such_job(smile_job_id: u64) -> ApiError {
    refused(
        StatusCode::NOT_FOUND,
        format!("smile_job_id: no job {smile_job_id:010} (deleted, or never created)"),
    )
}

/// A query string's parameters, or a 400 naming what is wrong with them.
fn query<T>(parsed: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    parsed.map(|Query(q)| q).map_err(|e| ApiError::wrong_type("query", e.body_text()))
}
