//! The one error type of the core. Every variant has a stable machine code ([`Error::code`]) that
//! the bindings and the React Native module pass through unchanged.

/// Result alias used across the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the client. Messages never contain secrets or personal data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter supplied by the caller is wrong. `field` names it (dotted path, e.g.
    /// `id_info.id_number`); `reason` says what is wrong and how to fix it.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// The job type is not one this client runs (1, 2, 4, 5, 6 and 11 are supported).
    #[error(
        "unsupported job type {0}: use 1 (Biometric KYC), 2 (SmartSelfie Authentication), 4 \
         (SmartSelfie Enrollment), 5 (Enhanced KYC), 6 (Document Verification) or 11 (Enhanced \
         Document Verification)"
    )]
    UnsupportedJobType(i64),

    /// The Smile ID API refused the request with one of its error codes (e.g. `2215`).
    #[error("Smile ID API error {code} (HTTP {http_status}): {message}")]
    Api { code: String, message: String, http_status: u16 },

    /// The request could not reach the server or the connection broke.
    #[error("network error: {0}")]
    Network(String),

    /// The server's certificate was refused: not trusted, or its public key matches none of the
    /// host's pins. Retrying the request cannot help, so it is not retried; a job it stops stays
    /// pending, since another network (one without a TLS-intercepting proxy) may pass. Same code
    /// as [`Error::Network`].
    #[error("network error: {0}")]
    CertificateRefused(String),

    /// A request or the whole job exceeded its time budget.
    #[error("timed out: {0}")]
    Timeout(String),

    /// A response or callback carried a signature that does not match its timestamp.
    #[error("signature mismatch: {0}")]
    SignatureMismatch(String),

    /// The server answered with something that is not the documented shape.
    #[error("unexpected response from server: {0}")]
    InvalidResponse(String),

    /// A production request was about to go over plain HTTP.
    #[error("insecure transport: {0}")]
    InsecureTransport(String),

    /// Reading or writing the local tag store or journal failed.
    #[error("storage error: {0}")]
    Storage(String),

    /// No complete tag with this name exists.
    #[error("tag not found: {0}; capture it first or list tags to find the right name")]
    TagNotFound(String),

    /// The tag's images were deleted after a job on it succeeded (tags are released then, unless
    /// kept). Same code as [`Error::TagNotFound`].
    #[error(
        "tag not found: {tag} was released (its images deleted) after job {job_id} succeeded; \
         capture it again, and to use one capture for several jobs keep tags after success \
         (keep_tags_after_success; the CLI's --keep-tag)"
    )]
    TagReleased { tag: String, job_id: String },

    /// An image could not be decoded or does not meet capture requirements.
    #[error("invalid image {field}: {reason}")]
    InvalidImage { field: String, reason: String },

    /// The operation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// Stable, documented code for this error kind.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::UnsupportedJobType(_) => "unsupported_job_type",
            Error::Api { .. } => "api_error",
            Error::Network(_) | Error::CertificateRefused(_) => "network",
            Error::Timeout(_) => "timeout",
            Error::SignatureMismatch(_) => "signature_mismatch",
            Error::InvalidResponse(_) => "invalid_response",
            Error::InsecureTransport(_) => "insecure_transport",
            Error::Storage(_) => "storage",
            Error::TagNotFound(_) | Error::TagReleased { .. } => "tag_not_found",
            Error::InvalidImage { .. } => "invalid_image",
            Error::Cancelled => "cancelled",
        }
    }

    /// The caller-supplied field this error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } | Error::InvalidImage { field, .. } => Some(field),
            Error::UnsupportedJobType(_) => Some("job_type"),
            Error::TagNotFound(_) | Error::TagReleased { .. } => Some("tag"),
            _ => None,
        }
    }

    /// Whether retrying the same request may succeed (transient network or server trouble).
    /// A refused certificate is not: the same request meets the same certificate.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Network(_) | Error::Timeout(_) => true,
            Error::Api { http_status, .. } => *http_status == 429 || *http_status >= 500,
            _ => false,
        }
    }

    /// Whether a job this error stopped may still pass later, from another network or once the
    /// server is back: it stays pending for `resume_pending_jobs`.
    pub fn may_pass_later(&self) -> bool {
        self.is_transient() || matches!(self, Error::CertificateRefused(_))
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), reason: reason.into() }
    }

    pub(crate) fn storage(context: &str, err: impl std::fmt::Display) -> Self {
        Error::Storage(format!("{context}: {err}"))
    }
}
