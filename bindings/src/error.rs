//! `SmileIdError`: the one error type crossing the boundary, converted from core's `Error` here
//! and nowhere else. Every variant carries core's stable `code`, the caller field that is wrong
//! (when there is one) and a human-readable `detail`; Kotlin sees `SmileIdException.<Variant>`,
//! Swift `SmileIdError.<variant>`.

use std::any::Any;

use smileid_core::Error as CoreError;

/// Why a call failed. Match on the variant, or read `errorCode()` (stable across releases),
/// `errorField()` (e.g. `id_info.id_number`) and `errorDetail()` to show the user what to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum SmileIdError {
    /// A parameter is wrong; `field` names it (dotted path) and `detail` says how to fix it.
    #[error("{detail}")]
    InvalidInput { code: String, field: Option<String>, detail: String },
    /// The job type is not 1, 2 or 4.
    #[error("{detail}")]
    UnsupportedJobType { code: String, field: Option<String>, detail: String },
    /// Smile ID refused the request: `api_code` is its code (e.g. `2215`), `http_status` the
    /// status.
    #[error("{detail}")]
    Api { code: String, field: Option<String>, detail: String, api_code: String, http_status: i32 },
    /// The server could not be reached or the connection broke.
    #[error("{detail}")]
    Network { code: String, field: Option<String>, detail: String },
    /// A request or the whole job ran out of time.
    #[error("{detail}")]
    Timeout { code: String, field: Option<String>, detail: String },
    /// A response or callback signature does not match.
    #[error("{detail}")]
    SignatureMismatch { code: String, field: Option<String>, detail: String },
    /// The server answered with something that is not the documented shape.
    #[error("{detail}")]
    InvalidResponse { code: String, field: Option<String>, detail: String },
    /// A production request would have gone over plain HTTP.
    #[error("{detail}")]
    InsecureTransport { code: String, field: Option<String>, detail: String },
    /// Reading or writing the tag store failed.
    #[error("{detail}")]
    Storage { code: String, field: Option<String>, detail: String },
    /// No complete tag with this name exists.
    #[error("{detail}")]
    TagNotFound { code: String, field: Option<String>, detail: String },
    /// An image could not be decoded or does not meet capture requirements.
    #[error("{detail}")]
    InvalidImage { code: String, field: Option<String>, detail: String },
    /// The job was cancelled (`JobTask.cancel()` or a cancelled coroutine/task).
    #[error("{detail}")]
    Cancelled { code: String, field: Option<String>, detail: String },
    /// A bug: a panic inside the library, or a callback (progress listener, signature provider)
    /// that threw something unexpected. The library keeps working after it.
    #[error("{detail}")]
    Internal { code: String, field: Option<String>, detail: String },
}

/// Stable code of [`SmileIdError::Internal`].
pub const INTERNAL_CODE: &str = "internal";

impl SmileIdError {
    /// The cancelled error, as `JobTask` reports it.
    pub(crate) fn cancelled() -> Self {
        CoreError::Cancelled.into()
    }

    /// An internal error (panic, broken callback).
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        SmileIdError::Internal { code: INTERNAL_CODE.into(), field: None, detail: detail.into() }
    }

    /// Converts a caught panic payload, keeping its message.
    pub(crate) fn from_panic(payload: Box<dyn Any + Send>) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Self::internal(format!("internal error (panic): {message}"))
    }

    /// A negative (or too large) number where the core needs an unsigned one.
    pub(crate) fn out_of_range(field: &str) -> Self {
        CoreError::InvalidInput {
            field: field.to_string(),
            reason: "is out of range (negative or too large)".into(),
        }
        .into()
    }

    fn parts(&self) -> (&str, Option<&str>, &str) {
        match self {
            SmileIdError::InvalidInput { code, field, detail }
            | SmileIdError::UnsupportedJobType { code, field, detail }
            | SmileIdError::Api { code, field, detail, .. }
            | SmileIdError::Network { code, field, detail }
            | SmileIdError::Timeout { code, field, detail }
            | SmileIdError::SignatureMismatch { code, field, detail }
            | SmileIdError::InvalidResponse { code, field, detail }
            | SmileIdError::InsecureTransport { code, field, detail }
            | SmileIdError::Storage { code, field, detail }
            | SmileIdError::TagNotFound { code, field, detail }
            | SmileIdError::InvalidImage { code, field, detail }
            | SmileIdError::Cancelled { code, field, detail }
            | SmileIdError::Internal { code, field, detail } => (code, field.as_deref(), detail),
        }
    }
}

#[uniffi::export]
impl SmileIdError {
    /// Stable machine code, e.g. `invalid_input`, `api_error`, `cancelled`, `internal`.
    pub fn error_code(&self) -> String {
        self.parts().0.to_string()
    }

    /// The caller-supplied field this error is about (e.g. `partner_params.user_id`), if any.
    pub fn error_field(&self) -> Option<String> {
        self.parts().1.map(str::to_string)
    }

    /// What went wrong and how to fix it; never contains secrets.
    pub fn error_detail(&self) -> String {
        self.parts().2.to_string()
    }
}

impl From<CoreError> for SmileIdError {
    fn from(e: CoreError) -> Self {
        let code = e.code().to_string();
        let field = e.field().map(str::to_string);
        let detail = e.to_string();
        match e {
            CoreError::InvalidInput { .. } => SmileIdError::InvalidInput { code, field, detail },
            CoreError::UnsupportedJobType(_) => {
                SmileIdError::UnsupportedJobType { code, field, detail }
            }
            CoreError::Api { code: api_code, http_status, .. } => {
                SmileIdError::Api { code, field, detail, api_code, http_status: http_status.into() }
            }
            CoreError::Network(_) | CoreError::CertificateRefused(_) => {
                SmileIdError::Network { code, field, detail }
            }
            CoreError::Timeout(_) => SmileIdError::Timeout { code, field, detail },
            CoreError::SignatureMismatch(_) => {
                SmileIdError::SignatureMismatch { code, field, detail }
            }
            CoreError::InvalidResponse(_) => SmileIdError::InvalidResponse { code, field, detail },
            CoreError::InsecureTransport(_) => {
                SmileIdError::InsecureTransport { code, field, detail }
            }
            CoreError::Storage(_) => SmileIdError::Storage { code, field, detail },
            CoreError::TagNotFound(_) | CoreError::TagReleased { .. } => {
                SmileIdError::TagNotFound { code, field, detail }
            }
            CoreError::InvalidImage { .. } => SmileIdError::InvalidImage { code, field, detail },
            CoreError::Cancelled => SmileIdError::Cancelled { code, field, detail },
            // core's Error is non-exhaustive: a kind added later keeps its code and field.
            _ => SmileIdError::Internal { code, field, detail },
        }
    }
}

/// An `InvalidInput` error naming `field` and what to do about it.
pub(crate) fn invalid(field: &str, reason: &str) -> SmileIdError {
    CoreError::InvalidInput { field: field.into(), reason: reason.into() }.into()
}

/// Converts a signed number from Kotlin/Swift into the unsigned type core uses; `field` names
/// it in the error.
pub(crate) fn unsigned<T: TryFrom<i64>>(
    value: impl Into<i64>,
    field: &str,
) -> Result<T, SmileIdError> {
    T::try_from(value.into()).map_err(|_| SmileIdError::out_of_range(field))
}

/// A foreign callback (e.g. a Kotlin `SignatureProvider`) threw an exception that is not a
/// `SmileIdException`.
impl From<uniffi::UnexpectedUniFFICallbackError> for SmileIdError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::internal(format!("callback failed: {}", e.reason))
    }
}

/// The way back into core, for errors a foreign `SignatureProvider` raises: the kinds core knows
/// keep their meaning, the rest become a network error (the signature could not be fetched).
impl From<SmileIdError> for CoreError {
    fn from(e: SmileIdError) -> Self {
        match e {
            SmileIdError::Cancelled { .. } => CoreError::Cancelled,
            SmileIdError::InvalidInput { field, detail, .. } => CoreError::InvalidInput {
                field: field.unwrap_or_else(|| "auth".into()),
                reason: detail,
            },
            other => {
                CoreError::Network(format!("signature provider failed: {}", other.error_detail()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_code_and_field() {
        let e: SmileIdError =
            CoreError::InvalidInput { field: "id_info.id_number".into(), reason: "bad".into() }
                .into();
        assert_eq!(
            (e.error_code().as_str(), e.error_field().as_deref()),
            ("invalid_input", Some("id_info.id_number"))
        );
        let e: SmileIdError =
            CoreError::Api { code: "2215".into(), message: "exists".into(), http_status: 400 }
                .into();
        assert!(
            matches!(&e, SmileIdError::Api { api_code, http_status: 400, .. } if api_code == "2215")
        );
        assert_eq!(e.error_code(), "api_error");
        let e: SmileIdError = CoreError::UnsupportedJobType(6).into();
        assert_eq!(e.error_field().as_deref(), Some("job_type"));
        assert_eq!(SmileIdError::cancelled().error_code(), "cancelled");
    }

    #[test]
    fn panics_keep_their_message() {
        let e = SmileIdError::from_panic(Box::new("boom"));
        assert_eq!(e.error_code(), INTERNAL_CODE);
        assert!(e.error_detail().contains("boom"));
        let e = SmileIdError::from_panic(Box::new(String::from("bang")));
        assert!(e.error_detail().contains("bang"));
    }
}
