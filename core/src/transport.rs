//! The HTTP transport interface: what the client needs from an HTTP stack, so an app can hand
//! in its platform's own (OkHttp, URLSession: their trust store, proxy and certificate pinning)
//! instead of the built-in one. The client builds every request, retries, keeps deadlines and
//! maps errors; a transport only sends one request and reads its answer.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;

mod pins;
#[cfg(feature = "reqwest-transport")]
mod reqwest_transport;
pub use pins::CertificatePins;
#[cfg(feature = "reqwest-transport")]
pub use reqwest_transport::ReqwestTransport;

/// The HTTP methods the Smile ID API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
}

impl HttpMethod {
    /// The method's name on the wire (`GET`, `POST`, `PUT`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
        }
    }
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestBody {
    /// No body (GET).
    Empty,
    /// These bytes.
    Bytes(Bytes),
    /// The whole content of this file, so a platform transport can stream it from disk.
    File(PathBuf),
}

/// One HTTP request. The transport sends the body with its length (`Content-Length`, never
/// chunked: pre-signed upload URLs refuse chunked bodies) and adds no other header the client
/// depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: HttpMethod,
    /// Absolute `http` or `https` URL. Pre-signed upload URLs carry credentials in their query:
    /// never log it.
    pub url: String,
    /// Header names and values, in order (`Content-Type`, `User-Agent`, signature headers).
    pub headers: Vec<(String, String)>,
    pub body: RequestBody,
    /// Time limit of the whole request, from sending to the last byte of the answer.
    pub timeout: Duration,
}

/// An HTTP answer, whatever its status (a 4xx or 5xx is an answer, not a [`TransportError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Bytes,
}

/// Called with `(bytes sent, total bytes)` as the request body goes out.
pub type UploadProgress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Why a request got no answer. The client turns each kind into an [`crate::Error::Network`]
/// (a [`crate::Error::Timeout`], or for a refused certificate, not retried,
/// [`crate::Error::CertificateRefused`]) that names the host, the cause and the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// Nothing listens at the host and port.
    ConnectionRefused,
    /// The host name does not resolve.
    Dns,
    /// The server's certificate is not trusted (unknown CA, expired, wrong name).
    UntrustedCertificate,
    /// The server's public key matches none of the pins configured for its host.
    PinMismatch,
    /// The peer closed or reset the connection before the answer was complete.
    ConnectionReset,
    /// No answer within the request's timeout (or the connect timeout).
    Timeout,
    /// The answer's body broke off or could not be read.
    BrokenBody,
    /// Anything else; the detail says what.
    Other,
}

/// A failed request: its kind, and what the HTTP stack said (no URL: it may hold credentials).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?}: {detail}")]
pub struct TransportError {
    pub kind: TransportErrorKind,
    pub detail: String,
}

impl TransportError {
    pub fn new(kind: TransportErrorKind, detail: impl Into<String>) -> Self {
        TransportError { kind, detail: detail.into() }
    }
}

/// Sends HTTP requests. Dropping the returned future cancels the request: the client drops it
/// at a job's deadline and when a job is cancelled.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole answer, calling `on_sent` (when given) as the body
    /// goes out.
    fn send(
        &self,
        request: HttpRequest,
        on_sent: Option<UploadProgress>,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}
