//! Client configuration: partner, endpoints, auth mode, timeouts and retry limits.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::signature::Signed;
use crate::transport::Transport;

/// Smile ID's hosted sandbox (`test_lambda_url`).
pub const SANDBOX_URL: &str = "https://testapi.smileidentity.com/v1";
/// Smile ID production (`prod_lambda_url`).
pub const PRODUCTION_URL: &str = "https://api.smileidentity.com/v1";

/// Supplies `{signature, timestamp}` pairs minted by the partner's backend, so the API key never
/// lives on the device. Called off the async executor, so it may block on a network call.
pub trait SignatureSource: Send + Sync {
    /// Returns a fresh signature for `partner_id`.
    fn signature(&self, partner_id: &str) -> Result<Signed>;
}

/// How requests are authorised.
#[derive(Clone)]
pub enum Auth {
    /// Sign locally with the API key. For backends, the CLI and tests; it also lets the client
    /// verify the signatures on job_status responses.
    ApiKey(String),
    /// Exchange the `auth_token` from `smile_config.json` via `POST /v1/auth_smile` (mobile mode).
    AuthToken(String),
    /// Ask the partner's backend for each signature.
    SignatureSource(Arc<dyn SignatureSource>),
}

impl fmt::Debug for Auth {
    // Never print the secret itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::ApiKey(_) => "Auth::ApiKey(<redacted>)",
            Auth::AuthToken(_) => "Auth::AuthToken(<redacted>)",
            Auth::SignatureSource(_) => "Auth::SignatureSource",
        })
    }
}

/// How long a request is retried after transient failures (connection errors, timeouts, 429 and
/// 5xx): a time budget, not a count. Each step of a job (auth, prep_upload, the zip upload) is
/// tried again, with exponential backoff and jitter, until it succeeds or `budget` has passed
/// since its first attempt; no new attempt starts after that. job_status polling is bounded by
/// the job's polling timeout instead.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// How long one step keeps retrying (`Duration::ZERO`: one attempt, no retry).
    pub budget: Duration,
    /// Delay before the first retry; doubles each time, with jitter.
    pub initial_delay: Duration,
    /// Upper bound of one delay.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            budget: Duration::from_secs(60),
            initial_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(5),
        }
    }
}

/// Everything the client needs to talk to Smile ID.
#[derive(Debug, Clone)]
pub struct Config {
    /// Partner id exactly as issued (leading zeros matter).
    pub partner_id: String,
    pub auth: Auth,
    /// Base URL used when a job is not production (default: Smile ID's sandbox).
    pub sandbox_url: String,
    /// Base URL used for production jobs; must be https.
    pub production_url: String,
    /// Time limit of one HTTP request.
    pub request_timeout: Duration,
    /// Time limit to establish a connection.
    pub connect_timeout: Duration,
    /// Pause before the second job_status poll; each later pause doubles, up to `poll_interval`.
    /// (The first poll goes right after the upload.) Quick jobs finish fast, long ones are
    /// polled gently.
    pub first_poll_interval: Duration,
    /// Longest pause between two job_status polls.
    pub poll_interval: Duration,
    pub retry: RetryPolicy,
    /// Extra trusted CA certificates (PEM), e.g. a local sandbox's self-signed certificate.
    /// Read by the built-in transport; a transport handed in has its own trust settings.
    pub extra_root_certificates_pem: Vec<String>,
    /// The HTTP stack requests go through (e.g. the phone's, from the bindings); `None`: the
    /// built-in reqwest transport (cargo feature `reqwest-transport`, on by default).
    pub transport: Option<Arc<dyn Transport>>,
    /// Keep a tag's images after its job succeeds (by default they are deleted, unless another
    /// pending job still needs them).
    pub keep_tags_after_success: bool,
}

impl Config {
    /// A configuration with Smile ID's endpoints and the SDKs' timeouts.
    pub fn new(partner_id: impl Into<String>, auth: Auth) -> Self {
        Config {
            partner_id: partner_id.into(),
            auth,
            sandbox_url: SANDBOX_URL.to_string(),
            production_url: PRODUCTION_URL.to_string(),
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(15),
            first_poll_interval: Duration::from_millis(250),
            poll_interval: Duration::from_secs(2),
            retry: RetryPolicy::default(),
            extra_root_certificates_pem: Vec::new(),
            transport: None,
            keep_tags_after_success: false,
        }
    }

    /// Points sandbox jobs at another server, such as the local emulator.
    pub fn with_sandbox_url(mut self, url: impl Into<String>) -> Self {
        self.sandbox_url = url.into();
        self
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.partner_id.trim().is_empty() {
            return Err(Error::invalid(
                "partner_id",
                "is empty; use the partner id from the Smile ID portal",
            ));
        }
        let secret_empty = match &self.auth {
            Auth::ApiKey(k) => k.is_empty(),
            Auth::AuthToken(t) => t.is_empty(),
            Auth::SignatureSource(_) => false,
        };
        if secret_empty {
            return Err(Error::invalid("auth", "the API key or auth token is empty"));
        }
        for (field, url) in
            [("sandbox_url", &self.sandbox_url), ("production_url", &self.production_url)]
        {
            if !crate::http::is_absolute_http_url(url) {
                return Err(Error::invalid(
                    field,
                    "must be an absolute http(s) URL such as https://api.smileidentity.com/v1",
                ));
            }
        }
        Ok(())
    }

    /// The base URL for a job, refusing plain HTTP for production.
    pub(crate) fn base_url(&self, production: bool) -> Result<&str> {
        if !production {
            return Ok(self.sandbox_url.trim_end_matches('/'));
        }
        if !self.production_url.starts_with("https://") {
            return Err(Error::InsecureTransport(
                "production traffic must use https; fix production_url".to_string(),
            ));
        }
        Ok(self.production_url.trim_end_matches('/'))
    }
}
