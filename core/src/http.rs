//! The client's HTTP layer over a [`Transport`]: JSON POSTs, prepared-body POSTs (multipart),
//! the zip PUT, error mapping, and retries with backoff.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use bytes::Bytes;
use serde::{de::DeserializeOwned, Serialize};

use crate::api::ErrorEnvelope;
use crate::config::{Config, RetryPolicy};
use crate::error::{Error, Result};
use crate::transport::{
    HttpMethod, HttpRequest, HttpResponse, RequestBody, Transport, TransportError,
    TransportErrorKind, UploadProgress,
};

const USER_AGENT: &str = concat!("smileid-rs/", env!("CARGO_PKG_VERSION"));

/// A configured HTTP client.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    transport: Arc<dyn Transport>,
    request_timeout: Duration,
    retry: RetryPolicy,
}

impl Http {
    /// Over the configuration's transport, or the built-in one.
    pub fn new(config: &Config) -> Result<Self> {
        let transport = match &config.transport {
            Some(transport) => Arc::clone(transport),
            None => built_in_transport(config)?,
        };
        Ok(Http { transport, request_timeout: config.request_timeout, retry: config.retry.clone() })
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

    /// Sends one request with the client's headers and timeout; returns the raw 2xx body.
    async fn send(
        &self,
        method: HttpMethod,
        url: &str,
        content_type: Option<&str>,
        extra_headers: &[(&'static str, String)],
        body: RequestBody,
        on_sent: Option<UploadProgress>,
    ) -> Result<String> {
        let mut headers = vec![("User-Agent".to_string(), USER_AGENT.to_string())];
        headers.extend(content_type.map(|t| ("Content-Type".to_string(), t.to_string())));
        headers.extend(extra_headers.iter().map(|(n, v)| (n.to_string(), v.clone())));
        let request = HttpRequest {
            method,
            url: url.to_string(),
            headers,
            body,
            timeout: self.request_timeout,
        };
        let response =
            self.transport.send(request, on_sent).await.map_err(|e| transport_error(url, e))?;
        read_body(url, response)
    }

    /// POSTs JSON and returns the raw 2xx body.
    pub async fn post_raw<B: Serialize + ?Sized>(&self, url: &str, body: &B) -> Result<String> {
        let json = serde_json::to_vec(body)
            .map_err(|e| Error::invalid("request", format!("does not serialise to JSON: {e}")))?;
        let body = RequestBody::Bytes(json.into());
        self.send(HttpMethod::Post, url, Some("application/json"), &[], body, None).await
    }

    /// GETs and decodes the JSON answer.
    pub async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T> {
        let raw = self.send(HttpMethod::Get, url, None, &[], RequestBody::Empty, None).await?;
        decode(url, &raw)
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
        let body = RequestBody::Bytes(request.body.clone());
        let content_type = Some(request.content_type.as_str());
        self.send(HttpMethod::Post, url, content_type, &request.headers, body, None).await
    }

    /// PUTs the zip to a pre-signed URL, reporting bytes sent.
    pub async fn put_zip(
        &self,
        url: &str,
        zip: Bytes,
        on_sent: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<()> {
        let (body, on_sent) = (RequestBody::Bytes(zip), Some(Arc::new(on_sent) as UploadProgress));
        self.send(HttpMethod::Put, url, Some("application/zip"), &[], body, on_sent).await.map(drop)
    }
}

/// The reqwest transport, when this build has it.
#[cfg(feature = "reqwest-transport")]
fn built_in_transport(config: &Config) -> Result<Arc<dyn Transport>> {
    Ok(Arc::new(crate::transport::ReqwestTransport::new(config)?))
}

/// This build has no transport of its own (phones use the platform's).
#[cfg(not(feature = "reqwest-transport"))]
fn built_in_transport(_: &Config) -> Result<Arc<dyn Transport>> {
    Err(Error::invalid(
        "transport",
        "this build has no built-in HTTP transport (cargo feature reqwest-transport is off); \
         hand the platform's in through the configuration's transport",
    ))
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
fn read_body(url: &str, response: HttpResponse) -> Result<String> {
    let raw = String::from_utf8_lossy(&response.body).into_owned();
    if (200..300).contains(&response.status) {
        return Ok(raw);
    }
    let envelope: Option<ErrorEnvelope> = serde_json::from_str(&raw).ok();
    let code = envelope.as_ref().and_then(|e| e.code.as_ref()).map(|c| match c {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let message = envelope.and_then(|e| e.error).unwrap_or_else(|| {
        let status = http::StatusCode::from_u16(response.status).ok();
        status.and_then(|s| s.canonical_reason()).unwrap_or("error").to_string()
    });
    Err(Error::Api {
        code: code.unwrap_or_else(|| response.status.to_string()),
        message: format!("{} ({})", message, endpoint(url)),
        http_status: response.status,
    })
}

/// Whether `url` is an absolute `http://` or `https://` URL with a host. Parsed as `http::Uri`
/// (RFC 3986, no IDNA: hosts are ASCII here), not with the `url` crate, whose IDNA code and
/// tables would add 0.17 MiB to the library.
pub(crate) fn is_absolute_http_url(url: &str) -> bool {
    url.parse::<http::Uri>().is_ok_and(|u| {
        matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty())
    })
}

/// The last path segment, to name the endpoint in errors without leaking query tokens.
fn endpoint(url: &str) -> String {
    url.parse::<http::Uri>()
        .ok()
        .and_then(|u| u.path().rsplit('/').next().map(str::to_string))
        .unwrap_or_default()
}

/// Names the host, the cause and the way out; never the URL (pre-signed upload URLs carry
/// credentials in their query).
fn transport_error(url: &str, e: TransportError) -> Error {
    let host = url
        .parse::<http::Uri>()
        .ok()
        .and_then(|u| {
            let port = u.port_u16().or(match u.scheme_str()? {
                "https" => Some(443),
                "http" => Some(80),
                _ => None,
            })?;
            Some(format!("{}:{port}", u.host()?))
        })
        .unwrap_or_else(|| "the server".into());
    let why = e.detail;
    let text = match e.kind {
        TransportErrorKind::ConnectionRefused => {
            format!("{host} refused the connection: is the server running, and the base URL right?")
        }
        TransportErrorKind::Dns => {
            format!("{host}: the name does not resolve (DNS): check the base URL")
        }
        TransportErrorKind::UntrustedCertificate => format!(
            "{host}: TLS certificate not trusted ({why}); for a local sandbox, trust its CA \
             certificate (extra_root_certificates_pem, the CLI's --ca-cert)"
        ),
        TransportErrorKind::PinMismatch => format!(
            "{host}: certificate pin failed: the server's public key matches none of the pins \
             configured for this host ({why}); check the pins, or whether a proxy intercepts TLS"
        ),
        TransportErrorKind::ConnectionReset => {
            format!("{host} closed the connection mid-request (reset)")
        }
        TransportErrorKind::Timeout => {
            format!("{host}: no answer in time ({why}); the server or the network is slow")
        }
        TransportErrorKind::BrokenBody => format!("{host}: the response body broke off ({why})"),
        TransportErrorKind::Other => format!("{host}: {why}"),
    };
    match e.kind {
        TransportErrorKind::Timeout => Error::Timeout(text),
        TransportErrorKind::UntrustedCertificate | TransportErrorKind::PinMismatch => {
            Error::CertificateRefused(text)
        }
        _ => Error::Network(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_http_urls_and_what_they_are_not() {
        for url in [
            "https://api.smileidentity.com/v1",
            "http://127.0.0.1:8787/v1/",
            "https://[::1]:8443/callback?job=1",
            "HTTPS://Example.com",
        ] {
            assert!(is_absolute_http_url(url), "{url}");
        }
        for url in ["ftp://example.com", "https://", "/v1", "localhost:8787", "https://a b.com", ""]
        {
            assert!(!is_absolute_http_url(url), "{url}");
        }
    }

    #[test]
    fn errors_name_the_endpoint_and_host_not_the_url() {
        assert_eq!(endpoint("https://h.example/v1/upload?X-Amz-Signature=secret"), "upload");
        let e = transport_error(
            "https://h.example/v1/upload?X-Amz-Signature=secret",
            TransportError { kind: TransportErrorKind::ConnectionRefused, detail: String::new() },
        );
        let text = e.to_string();
        assert!(text.contains("h.example:443 refused the connection"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }
}
