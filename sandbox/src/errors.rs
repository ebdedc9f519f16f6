//! The two error types: [`ApiError`], the `{"code","error"}` envelope every non-2xx API response
//! carries (protocol §2.4), and [`SandboxError`], why the sandbox could not start.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The 22xx codes the sandbox answers with (protocol §7.2). The README lists which request
/// problem maps to which code and HTTP status.
pub(crate) mod code {
    pub const SYSTEM_ERROR: &str = "2201";
    pub const INVALID_JSON: &str = "2203";
    pub const WRONG_TYPE: &str = "2204";
    pub const UNAUTHORIZED: &str = "2205";
    pub const ALREADY_ENROLLED: &str = "2209";
    pub const NOT_ENROLLED: &str = "2210";
    pub const INVALID_JOB_TYPE: &str = "2212";
    pub const MISSING_PARAMETER: &str = "2213";
    pub const JOB_EXISTS: &str = "2215";
    pub const NO_ZIP_RECEIVED: &str = "2314";
}

/// A refused API request: HTTP status, Smile ID error code and a message that names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into() }
    }

    /// The body is not a JSON object (or could not be read).
    pub fn invalid_json(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code::INVALID_JSON, message)
    }

    /// `field` has the wrong type or an unusable value.
    pub fn wrong_type(field: &str, reason: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code::WRONG_TYPE, format!("{field}: {reason}"))
    }

    /// `field` is absent or empty.
    pub fn missing(field: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            code::MISSING_PARAMETER,
            format!("missing field `{field}`"),
        )
    }

    /// Bad credentials; `field` says which one (partner_id, signature, auth_token).
    pub fn unauthorized(field: &str, reason: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code::UNAUTHORIZED, format!("{field}: {reason}"))
    }

    /// Something failed inside the sandbox (storage, a panic). Never caused by the request.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, code::SYSTEM_ERROR, message)
    }

    /// The envelope as JSON bytes, for responses built outside a handler (panics, faults).
    pub fn to_body(&self) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({ "code": self.code, "error": self.message }))
            .expect("a map of strings serializes")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.to_body();
        (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

/// Why [`crate::start`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    /// The SQLite database could not be opened or migrated.
    #[error("database {path}: {message}")]
    Database { path: String, message: String },
    /// The self-signed certificate could not be made or written.
    #[error("TLS set-up: {0}")]
    Tls(String),
    /// A configuration value is unusable.
    #[error("invalid configuration {field}: {reason}")]
    Config { field: &'static str, reason: String },
    /// The runtime of [`crate::RunningSandbox::start_blocking`], or the signal handling of
    /// [`crate::serve`], could not be set up.
    #[error("cannot set up the sandbox runtime: {0}")]
    Runtime(std::io::Error),
}
