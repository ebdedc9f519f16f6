//! The HTTP surface: Smile ID's `/v1` endpoints, the `/v2` SmartSelfie endpoints, the
//! pre-signed upload and image URLs, and the sandbox's own `/__sandbox` endpoints. Every refusal,
//! unknown route and panic answers with the `{"code","error"}` envelope.

pub(crate) mod auth;
mod id_verification;
pub(crate) mod job_status;
mod put;
pub(crate) mod recording;
mod s3;
mod sandbox;
pub(crate) mod services;
mod smart_selfie;
pub(crate) mod upload;

use std::any::Any;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::decompression::RequestDecompressionLayer;

use crate::errors::{code, ApiError};
use crate::faults::{self, FaultEndpoint, Faults};
use crate::shapes::{self, Recorder};
use crate::state::SharedState;

/// Path of the pre-signed zip upload URLs: `/uploads/<ref_id>/selfie.zip`.
pub(crate) const UPLOADS_PREFIX: &str = "/uploads";
/// Path of the pre-signed selfie links: `/__sandbox/images/<smile_job_id>/selfie.jpg`.
pub(crate) const IMAGES_PREFIX: &str = "/__sandbox/images";

/// `limits`: the largest JSON body and zip upload. `recorder`: records request shapes.
/// `dashboard`: the dashboard's routes, served beside the API.
pub(crate) fn router(
    state: SharedState,
    (max_json_body, max_upload): (usize, usize),
    faults: Arc<Faults>,
    recorder: Option<Arc<Recorder>>,
    dashboard: Router<SharedState>,
) -> Router {
    let fault =
        |endpoint| axum::middleware::from_fn_with_state((faults.clone(), endpoint), faults::inject);
    let api = Router::new()
        .route("/v1/auth_smile", post(auth::auth_smile).layer(fault(FaultEndpoint::AuthSmile)))
        .route("/v1/upload", post(upload::prep_upload).layer(fault(FaultEndpoint::Upload)))
        .route(
            "/v1/job_status",
            post(job_status::job_status).layer(fault(FaultEndpoint::JobStatus)),
        )
        .route(
            "/v1/id_verification",
            post(id_verification::id_verification).layer(fault(FaultEndpoint::IdVerification)),
        )
        .route(
            "/v1/async_id_verification",
            post(id_verification::async_id_verification)
                .layer(fault(FaultEndpoint::IdVerification)),
        )
        .route("/v1/services", get(services::services))
        .route("/v1/products_config", post(services::products_config))
        .route("/v1/valid_documents", post(services::valid_documents))
        .layer(DefaultBodyLimit::max(max_json_body));
    // The v2 SmartSelfie forms carry the images: they get the upload's size limit.
    let uploads = Router::new()
        .route(
            &format!("{UPLOADS_PREFIX}/{{ref_id}}/{{file_name}}"),
            put(put::put_zip).layer(fault(FaultEndpoint::Put)),
        )
        .route(
            "/v2/smart-selfie-enroll",
            post(smart_selfie::enroll).layer(fault(FaultEndpoint::SmartSelfie)),
        )
        .route(
            "/v2/smart-selfie-authentication",
            post(smart_selfie::authenticate).layer(fault(FaultEndpoint::SmartSelfie)),
        )
        .layer(DefaultBodyLimit::max(max_upload));
    let requests = || axum::middleware::from_fn_with_state(state.clone(), recording::record);
    let (api, uploads) = (api.layer(requests()), uploads.layer(requests()));
    let (api, uploads) = match recorder {
        Some(r) => {
            let layer = || axum::middleware::from_fn_with_state(r.clone(), shapes::record);
            (api.layer(layer()), uploads.layer(layer()))
        }
        None => (api, uploads),
    };
    let sandbox = Router::new()
        .route("/__sandbox/stats", get(sandbox::stats))
        .route(&format!("{IMAGES_PREFIX}/{{smile_job_id}}/{{file_name}}"), get(sandbox::selfie));
    api.merge(uploads)
        .merge(sandbox)
        .merge(dashboard)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Android gzips every request body it sends to the API host (§2.2).
        .layer(RequestDecompressionLayer::new().gzip(true).pass_through_unaccepted(true))
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        code::SYSTEM_ERROR,
        format!("no endpoint {method} {}", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        code::SYSTEM_ERROR,
        format!("{} does not accept {method}", uri.path()),
    )
}

fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::internal("internal error in the sandbox").into_response()
}
