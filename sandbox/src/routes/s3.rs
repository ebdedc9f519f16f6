//! What the pre-signed URLs share: checking `Expires`/`Signature`, and S3-style XML errors
//! (clients of an upload URL expect S3, not the Smile ID envelope).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::presign::PresignError;
use crate::state::AppState;

/// The authorising query of a pre-signed URL.
#[derive(Deserialize)]
pub(crate) struct PresignedQuery {
    #[serde(rename = "Expires")]
    expires: Option<String>,
    #[serde(rename = "Signature")]
    signature: Option<String>,
}

/// An S3-style error document.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

/// Checks that `path` was signed by this sandbox and has not expired.
pub(crate) fn verify(
    state: &AppState,
    path: &str,
    query: Option<&PresignedQuery>,
) -> Result<(), PresignError> {
    let (expires, signature) =
        query.map_or((None, None), |q| (q.expires.as_deref(), q.signature.as_deref()));
    state.presigner.verify(path, expires, signature)
}

/// The 403 S3 answers a refused pre-signed request with.
pub(crate) fn denied(reason: PresignError) -> Response {
    match reason {
        PresignError::Malformed => error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Query-string authentication requires the Expires and Signature parameters",
        ),
        PresignError::BadSignature => error(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided",
        ),
        PresignError::Expired => {
            error(StatusCode::FORBIDDEN, "AccessDenied", "Request has expired")
        }
    }
}
