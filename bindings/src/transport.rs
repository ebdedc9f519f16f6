//! The app's own HTTP stack as the library's transport: `HttpTransport`, implemented in Kotlin
//! (OkHttp) or Swift (URLSession), so requests get the platform's trust store, proxy and
//! certificate pinning. Set it in `ClientConfig.transport` (or `RnBridge.useTransport`); without
//! one, builds with the `reqwest-transport` feature use the built-in reqwest transport.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use smileid_core::transport as core;

/// The HTTP methods the library sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
}

/// One header line.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    pub name: String,
    pub value: String,
}

/// What a request sends.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
pub enum HttpBody {
    /// No body (GET).
    Empty,
    /// These bytes.
    Bytes { bytes: Vec<u8> },
    /// The whole content of this file (stream it from disk).
    File { path: String },
}

/// One request. Send the body with its length (`Content-Length`, never chunked: pre-signed
/// upload URLs refuse chunked bodies), and do not log the URL: an upload URL carries
/// credentials in its query.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    pub method: HttpMethod,
    pub url: String,
    pub headers: Vec<HttpHeader>,
    pub body: HttpBody,
    /// Time limit of the whole call, from sending to the last byte of the answer.
    pub timeout_millis: i64,
}

/// An answer, whatever its status (a 4xx or 5xx is an answer, not a `TransportException`).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    pub status: i32,
    pub headers: Vec<HttpHeader>,
    /// The whole body.
    pub body: Vec<u8>,
}

/// Why a request got no answer; throw the kind that fits (the library names the host and the
/// way out in the job's `Network` or `Timeout` error). `detail` is what the HTTP stack said,
/// without the URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TransportError {
    /// Nothing listens at the host and port.
    #[error("connection refused: {detail}")]
    ConnectionRefused { detail: String },
    /// The host name does not resolve.
    #[error("DNS: {detail}")]
    Dns { detail: String },
    /// The server's certificate is not trusted.
    #[error("untrusted certificate: {detail}")]
    UntrustedCertificate { detail: String },
    /// The server's public key matches none of the host's certificate pins.
    #[error("certificate pin failed: {detail}")]
    PinMismatch { detail: String },
    /// The connection closed or reset before the answer was complete.
    #[error("connection reset: {detail}")]
    ConnectionReset { detail: String },
    /// No answer within the request's timeout.
    #[error("timeout: {detail}")]
    Timeout { detail: String },
    /// The answer's body broke off.
    #[error("broken body: {detail}")]
    BrokenBody { detail: String },
    /// Anything else.
    #[error("{detail}")]
    Other { detail: String },
}

/// Reports the request body's progress: call `sent` as bytes go out.
#[derive(uniffi::Object)]
pub struct UploadProgress(core::UploadProgress);

#[uniffi::export]
impl UploadProgress {
    /// `sent_bytes` of `total_bytes` have been written.
    pub fn sent(&self, sent_bytes: i64, total_bytes: i64) {
        let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
        (self.0)(unsigned(sent_bytes), unsigned(total_bytes));
    }
}

/// Implemented in Kotlin (`OkHttpTransport`) or Swift (`URLSessionTransport`): sends one request
/// and reads the whole answer. The library retries, keeps deadlines and maps errors. When the
/// library stops waiting (a job's deadline, a cancelled job) it cancels the call: the Kotlin
/// coroutine or Swift task is cancelled, and the implementation must cancel its HTTP call.
#[uniffi::export(foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync + fmt::Debug {
    /// Sends `request`; reports the body's progress to `progress` when given.
    async fn send(
        &self,
        request: HttpRequest,
        progress: Option<Arc<UploadProgress>>,
    ) -> Result<HttpResponse, TransportError>;
}

/// A foreign implementation threw something that is not a `TransportException`.
impl From<uniffi::UnexpectedUniFFICallbackError> for TransportError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportError::Other { detail: format!("the transport failed: {}", e.reason) }
    }
}

/// Core's transport over a foreign `HttpTransport`.
#[derive(Debug)]
pub(crate) struct PlatformTransport(pub Arc<dyn HttpTransport>);

impl core::Transport for PlatformTransport {
    fn send(
        &self,
        request: core::HttpRequest,
        on_sent: Option<core::UploadProgress>,
    ) -> BoxFuture<'_, Result<core::HttpResponse, core::TransportError>> {
        let request = HttpRequest::from(request);
        let progress = on_sent.map(|f| Arc::new(UploadProgress(f)));
        Box::pin(async move {
            let response = self.0.send(request, progress).await?;
            let status = u16::try_from(response.status).ok().filter(|s| (100..600).contains(s));
            let status = status.ok_or_else(|| {
                core::TransportError::new(
                    core::TransportErrorKind::Other,
                    format!("the transport answered HTTP status {}", response.status),
                )
            })?;
            Ok(core::HttpResponse {
                status,
                headers: response.headers.into_iter().map(|h| (h.name, h.value)).collect(),
                body: response.body.into(),
            })
        })
    }
}

impl From<core::HttpRequest> for HttpRequest {
    fn from(r: core::HttpRequest) -> Self {
        HttpRequest {
            method: match r.method {
                core::HttpMethod::Get => HttpMethod::Get,
                core::HttpMethod::Post => HttpMethod::Post,
                core::HttpMethod::Put => HttpMethod::Put,
            },
            url: r.url,
            headers: r
                .headers
                .into_iter()
                .map(|(name, value)| HttpHeader { name, value })
                .collect(),
            body: match r.body {
                core::RequestBody::Empty => HttpBody::Empty,
                core::RequestBody::Bytes(bytes) => HttpBody::Bytes { bytes: bytes.to_vec() },
                core::RequestBody::File(path) => {
                    HttpBody::File { path: path.to_string_lossy().into_owned() }
                }
            },
            timeout_millis: millis(r.timeout),
        }
    }
}

fn millis(d: Duration) -> i64 {
    d.as_millis().try_into().unwrap_or(i64::MAX)
}

impl From<TransportError> for core::TransportError {
    fn from(e: TransportError) -> Self {
        use core::TransportErrorKind as Kind;
        let (kind, detail) = match e {
            TransportError::ConnectionRefused { detail } => (Kind::ConnectionRefused, detail),
            TransportError::Dns { detail } => (Kind::Dns, detail),
            TransportError::UntrustedCertificate { detail } => (Kind::UntrustedCertificate, detail),
            TransportError::PinMismatch { detail } => (Kind::PinMismatch, detail),
            TransportError::ConnectionReset { detail } => (Kind::ConnectionReset, detail),
            TransportError::Timeout { detail } => (Kind::Timeout, detail),
            TransportError::BrokenBody { detail } => (Kind::BrokenBody, detail),
            TransportError::Other { detail } => (Kind::Other, detail),
        };
        core::TransportError::new(kind, detail)
    }
}
