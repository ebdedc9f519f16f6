//! The built-in transport: reqwest over rustls, for the CLI, desktops, servers and the tests.
//! Phones hand in their platform's HTTP stack instead (the bindings' feature set without it).

use std::io::ErrorKind;

use bytes::Bytes;
use futures_util::future::BoxFuture;

use super::{
    HttpMethod, HttpRequest, HttpResponse, RequestBody, Transport, TransportError,
    TransportErrorKind, UploadProgress,
};
use crate::config::Config;
use crate::error::{Error, Result};

/// Bytes per chunk of a body sent with progress, one progress event each.
const UPLOAD_CHUNK: usize = 32 * 1024;

/// reqwest with rustls, trusting the webpki roots plus the configuration's extra CAs.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with the configuration's connect timeout and extra root certificates.
    pub fn new(config: &Config) -> Result<Self> {
        let mut builder =
            reqwest::Client::builder().use_rustls_tls().connect_timeout(config.connect_timeout);
        for pem in &config.extra_root_certificates_pem {
            // A bundle parser, because the single-certificate one accepts text with no certificate.
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes()).unwrap_or_default();
            if certs.is_empty() {
                return Err(Error::invalid(
                    "extra_root_certificates_pem",
                    "holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                ));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let client = builder
            .build()
            .map_err(|e| Error::Network(format!("HTTP client set-up failed: {e}")))?;
        Ok(ReqwestTransport { client })
    }

    async fn send_now(
        &self,
        request: HttpRequest,
        on_sent: Option<UploadProgress>,
    ) -> Result<HttpResponse, TransportError> {
        let method = match request.method {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Put => reqwest::Method::PUT,
        };
        let mut builder = self.client.request(method, &request.url).timeout(request.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let body = match request.body {
            RequestBody::Empty => None,
            RequestBody::Bytes(bytes) => Some(bytes),
            RequestBody::File(path) => {
                Some(Bytes::from(tokio::fs::read(&path).await.map_err(|e| {
                    TransportError::new(TransportErrorKind::Other, format!("body file: {e}"))
                })?))
            }
        };
        if let Some(body) = body {
            builder = match on_sent {
                None => builder.body(body),
                Some(on_sent) => builder
                    .header(reqwest::header::CONTENT_LENGTH, body.len())
                    .body(reqwest::Body::wrap_stream(chunks(body, on_sent))),
            };
        }
        let response = builder.send().await.map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let body = response.bytes().await.map_err(transport_error)?;
        Ok(HttpResponse { status, headers, body })
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: HttpRequest,
        on_sent: Option<UploadProgress>,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_now(request, on_sent))
    }
}

/// `body` in chunks, reporting each as it is taken.
fn chunks(
    body: Bytes,
    on_sent: UploadProgress,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> {
    let total = body.len() as u64;
    let pieces: Vec<Bytes> = (0..body.len())
        .step_by(UPLOAD_CHUNK)
        .map(|i| body.slice(i..(i + UPLOAD_CHUNK).min(body.len())))
        .collect();
    let mut sent = 0u64;
    futures_util::stream::iter(pieces.into_iter().map(move |chunk| {
        sent += chunk.len() as u64;
        on_sent(sent, total);
        Ok(chunk)
    }))
}

/// The kind of a reqwest failure, read from its source chain, and its detail.
fn transport_error(e: reqwest::Error) -> TransportError {
    let e = e.without_url();
    match Cause::of(&e) {
        Cause::Kind(kind) => TransportError::new(kind, e.to_string()),
        Cause::UntrustedCertificate(why) => {
            TransportError::new(TransportErrorKind::UntrustedCertificate, why)
        }
        Cause::Other(why) => {
            let kind = if e.is_timeout() {
                TransportErrorKind::Timeout
            } else if e.is_decode() || e.is_body() && !e.is_request() {
                TransportErrorKind::BrokenBody
            } else {
                TransportErrorKind::Other
            };
            TransportError::new(kind, why)
        }
    }
}

/// Why a request failed below HTTP.
enum Cause {
    Kind(TransportErrorKind),
    UntrustedCertificate(String),
    /// The innermost error's text.
    Other(String),
}

impl Cause {
    fn of(e: &reqwest::Error) -> Cause {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        let mut innermost = e.to_string();
        while let Some(err) = source {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                match io.kind() {
                    ErrorKind::ConnectionRefused => {
                        return Cause::Kind(TransportErrorKind::ConnectionRefused)
                    }
                    ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::UnexpectedEof => {
                        return Cause::Kind(TransportErrorKind::ConnectionReset)
                    }
                    _ => {}
                }
            }
            let text = err.to_string();
            // rustls' error reaches us type-erased inside the connector's errors: read its text.
            if let Some(why) = text.strip_prefix("invalid peer certificate: ") {
                return Cause::UntrustedCertificate(why.to_string());
            }
            // hyper-util names resolver failures this way; the resolver's own error is untyped.
            if text.starts_with("dns error") {
                return Cause::Kind(TransportErrorKind::Dns);
            }
            // hyper's IncompleteMessage: the peer closed the connection before answering.
            if text.contains("connection closed before message completed") {
                return Cause::Kind(TransportErrorKind::ConnectionReset);
            }
            innermost = text;
            source = err.source();
        }
        Cause::Other(innermost)
    }
}
