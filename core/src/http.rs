//! HTTP transport: JSON POSTs, prepared-body POSTs (multipart), the zip PUT, error mapping, and
//! retries with backoff.

use std::future::Future;
use std::io::ErrorKind;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use bytes::Bytes;
use serde::{de::DeserializeOwned, Serialize};

use crate::api::ErrorEnvelope;
use crate::config::{Config, RetryPolicy};
use crate::error::{Error, Result};

/// Bytes per chunk of the zip upload, one progress event each.
const UPLOAD_CHUNK: usize = 32 * 1024;

/// A configured HTTP client.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    client: reqwest::Client,
    retry: RetryPolicy,
}

impl Http {
    pub fn new(config: &Config) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .timeout(config.request_timeout)
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("smileid-rs/", env!("CARGO_PKG_VERSION")));
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
        Ok(Http { client, retry: config.retry.clone() })
    }

    /// Runs `op` again on transient failures, with exponential backoff and jitter, until the
    /// retry budget has passed since the first attempt.
    pub async fn with_retry<T, F, Fut>(&self, what: &'static str, op: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.retry.initial_delay)
            .with_max_delay(self.retry.max_delay)
            .without_max_times()
            .with_jitter();
        let give_up_at = Instant::now() + self.retry.budget;
        op.retry(backoff)
            .when(|e: &Error| e.is_transient() && Instant::now() < give_up_at)
            .notify(|e: &Error, after: Duration| {
                tracing::debug!(step = what, code = e.code(), ?after, "retrying")
            })
            .await
    }

    /// POSTs JSON and returns the raw 2xx body.
    pub async fn post_raw<B: Serialize + ?Sized>(&self, url: &str, body: &B) -> Result<String> {
        let response = self.client.post(url).json(body).send().await.map_err(transport_error)?;
        read_body(response).await
    }

    /// GETs and decodes the JSON answer.
    pub async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T> {
        let response = self.client.get(url).send().await.map_err(transport_error)?;
        decode(url, &read_body(response).await?)
    }

    /// POSTs JSON and decodes the JSON answer.
    pub async fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        url: &str,
        body: &B,
    ) -> Result<T> {
        decode(url, &self.post_raw(url, body).await?)
    }

    /// POSTs a body built beforehand (e.g. a multipart form) with extra headers, and returns
    /// the raw 2xx body.
    pub async fn post_bytes(&self, url: &str, request: &PreparedRequest) -> Result<String> {
        let mut builder = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, &request.content_type)
            .body(request.body.clone());
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        read_body(builder.send().await.map_err(transport_error)?).await
    }

    /// PUTs the zip to a pre-signed URL, reporting bytes sent.
    pub async fn put_zip(
        &self,
        url: &str,
        zip: Bytes,
        on_sent: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<()> {
        let total = zip.len() as u64;
        let chunks: Vec<Bytes> = (0..zip.len())
            .step_by(UPLOAD_CHUNK)
            .map(|i| zip.slice(i..(i + UPLOAD_CHUNK).min(zip.len())))
            .collect();
        let mut sent = 0u64;
        let stream = futures_util::stream::iter(chunks.into_iter().map(move |chunk| {
            sent += chunk.len() as u64;
            on_sent(sent, total);
            Ok::<Bytes, std::io::Error>(chunk)
        }));
        let response = self
            .client
            .put(url)
            .header(reqwest::header::CONTENT_TYPE, "application/zip")
            // A pre-signed S3 URL refuses chunked bodies, so the length is always given.
            .header(reqwest::header::CONTENT_LENGTH, total)
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .map_err(transport_error)?;
        read_body(response).await.map(drop)
    }
}

/// A request body with its content type and extra headers, built apart from sending it.
#[derive(Debug, Clone)]
pub(crate) struct PreparedRequest {
    pub headers: Vec<(&'static str, String)>,
    pub content_type: String,
    pub body: Bytes,
}

/// Decodes a 2xx JSON answer, naming the endpoint when it does not parse.
fn decode<T: DeserializeOwned>(url: &str, raw: &str) -> Result<T> {
    serde_json::from_str(raw).map_err(|e| Error::InvalidResponse(format!("{}: {e}", endpoint(url))))
}

/// Reads a body, turning non-2xx answers into [`Error::Api`] with the server's code and text.
async fn read_body(response: reqwest::Response) -> Result<String> {
    let status = response.status();
    let url = response.url().clone();
    let raw = response.text().await.map_err(transport_error)?;
    if status.is_success() {
        return Ok(raw);
    }
    let envelope: Option<ErrorEnvelope> = serde_json::from_str(&raw).ok();
    let code = envelope.as_ref().and_then(|e| e.code.as_ref()).map(|c| match c {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let message = envelope
        .and_then(|e| e.error)
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_string());
    Err(Error::Api {
        code: code.unwrap_or_else(|| status.as_u16().to_string()),
        message: format!("{} ({})", message, endpoint(url.as_str())),
        http_status: status.as_u16(),
    })
}

/// The last path segment, to name the endpoint in errors without leaking query tokens.
fn endpoint(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.path_segments().and_then(|mut s| s.next_back().map(str::to_string)))
        .unwrap_or_default()
}

/// Names the host, the cause and the way out; never the URL (pre-signed upload URLs carry
/// credentials in their query).
fn transport_error(e: reqwest::Error) -> Error {
    let host = e
        .url()
        .and_then(|u| Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?)))
        .unwrap_or_else(|| "the server".into());
    let e = e.without_url();
    let cause = Cause::of(&e);
    let text = match &cause {
        Cause::Refused => {
            format!("{host} refused the connection: is the server running, and the base URL right?")
        }
        Cause::Dns => format!("{host}: the name does not resolve (DNS): check the base URL"),
        Cause::UntrustedCertificate(why) => format!(
            "{host}: TLS certificate not trusted ({why}); for a local sandbox, trust its CA \
             certificate (extra_root_certificates_pem, the CLI's --ca-cert)"
        ),
        Cause::Reset => format!("{host} closed the connection mid-request (reset)"),
        Cause::Other(why) if e.is_timeout() => {
            format!("{host}: no answer in time ({why}); the server or the network is slow")
        }
        Cause::Other(why) if e.is_decode() || e.is_body() && !e.is_request() => {
            format!("{host}: the response body broke off ({why})")
        }
        Cause::Other(why) => format!("{host}: {why}"),
    };
    if e.is_timeout() {
        Error::Timeout(text)
    } else {
        Error::Network(text)
    }
}

/// Why a request failed below HTTP, read from the error's source chain.
enum Cause {
    Refused,
    Dns,
    UntrustedCertificate(String),
    Reset,
    Other(String),
}

impl Cause {
    fn of(e: &reqwest::Error) -> Cause {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        let mut innermost = e.to_string();
        while let Some(err) = source {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                match io.kind() {
                    ErrorKind::ConnectionRefused => return Cause::Refused,
                    ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::UnexpectedEof => return Cause::Reset,
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
                return Cause::Dns;
            }
            // hyper's IncompleteMessage: the peer closed the connection before answering.
            if text.contains("connection closed before message completed") {
                return Cause::Reset;
            }
            innermost = text;
            source = err.source();
        }
        Cause::Other(innermost)
    }
}
