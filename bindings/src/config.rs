//! Client configuration records and the auth modes, including the foreign `SignatureProvider`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{unsigned, SmileIdError};
use crate::transport::{HttpTransport, PlatformTransport};

/// A request signature minted by the partner's backend, with the exact timestamp it signs.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequestSignature {
    pub signature: String,
    pub timestamp: String,
}

impl fmt::Debug for RequestSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSignature")
            .field("signature", &"<redacted>")
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// Implemented in Kotlin or Swift: asks the partner's backend for a signature, so the API key
/// never lives on the device. Called on a background thread; it may block on a network call.
/// Throw `SmileIdException` (e.g. `Network`) to fail the job.
#[uniffi::export(foreign)]
pub trait SignatureProvider: Send + Sync {
    fn signature(&self, partner_id: String) -> Result<RequestSignature, SmileIdError>;
}

/// How requests are authorised.
#[derive(Clone, uniffi::Enum)]
pub enum Auth {
    /// Sign locally with the API key (backends, tests). Also verifies job_status signatures.
    ApiKey { api_key: String },
    /// The `auth_token` from `smile_config.json` (mobile mode), exchanged via `auth_smile`.
    AuthToken { auth_token: String },
    /// Ask the partner's backend for each signature.
    SignatureProvider { provider: Arc<dyn SignatureProvider> },
}

impl fmt::Debug for Auth {
    // Never print the secret itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::ApiKey { .. } => "Auth::ApiKey(<redacted>)",
            Auth::AuthToken { .. } => "Auth::AuthToken(<redacted>)",
            Auth::SignatureProvider { .. } => "Auth::SignatureProvider",
        })
    }
}

/// How long a step of a job (auth, prep_upload, the zip upload) is retried after transient
/// failures (connection errors, timeouts, 429 and 5xx): a time budget, not a count. job_status
/// polling is bounded by the job's polling timeout instead.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RetryPolicy {
    /// How long one step keeps retrying, from its first attempt (0: no retry).
    pub budget_millis: i64,
    /// Delay before the first retry; doubles each time, with jitter.
    pub initial_delay_millis: i64,
    /// Upper bound of one delay.
    pub max_delay_millis: i64,
}

/// Everything the client needs; unset optional fields take the core's defaults (Smile ID's
/// endpoints, 60 s per request, 15 s to connect, polls 250 ms apart growing to 2 s, a 60 s retry
/// budget per step).
#[derive(Debug, Clone, uniffi::Record)]
pub struct ClientConfig {
    /// Partner id exactly as issued (leading zeros matter).
    pub partner_id: String,
    pub auth: Auth,
    /// Base URL for sandbox jobs (`isProduction = false`), e.g. a local emulator.
    #[uniffi(default)]
    pub sandbox_url: Option<String>,
    /// Base URL for production jobs; must be https.
    #[uniffi(default)]
    pub production_url: Option<String>,
    #[uniffi(default)]
    pub request_timeout_millis: Option<i64>,
    #[uniffi(default)]
    pub connect_timeout_millis: Option<i64>,
    /// Pause between two job_status polls.
    #[uniffi(default)]
    pub poll_interval_millis: Option<i64>,
    #[uniffi(default)]
    pub retry: Option<RetryPolicy>,
    /// Extra trusted CA certificates (PEM), e.g. a local sandbox's self-signed one.
    #[uniffi(default)]
    pub extra_root_certificates_pem: Vec<String>,
    /// Keep a tag's images after its job succeeds (by default they are deleted, unless another
    /// pending job still needs them).
    #[uniffi(default)]
    pub keep_tags_after_success: bool,
    /// The app's HTTP stack (e.g. `OkHttpTransport`, `URLSessionTransport`): its trust store,
    /// proxy and certificate pins apply, and `extra_root_certificates_pem` does not. Required
    /// by the mobile build, which has no HTTP stack of its own.
    #[uniffi(default)]
    pub transport: Option<Arc<dyn HttpTransport>>,
}

/// Lets core call a foreign `SignatureProvider` (core runs it off the async executor).
struct ProviderAdapter(Arc<dyn SignatureProvider>);

impl smileid_core::SignatureSource for ProviderAdapter {
    fn signature(
        &self,
        partner_id: &str,
    ) -> smileid_core::Result<smileid_core::protocol::signature::Signed> {
        let signed = self.0.signature(partner_id.to_string())?;
        Ok(smileid_core::protocol::signature::Signed {
            signature: signed.signature,
            timestamp: signed.timestamp,
        })
    }
}

impl From<Auth> for smileid_core::Auth {
    fn from(auth: Auth) -> Self {
        match auth {
            Auth::ApiKey { api_key } => smileid_core::Auth::ApiKey(api_key),
            Auth::AuthToken { auth_token } => smileid_core::Auth::AuthToken(auth_token),
            Auth::SignatureProvider { provider } => {
                smileid_core::Auth::SignatureSource(Arc::new(ProviderAdapter(provider)))
            }
        }
    }
}

impl TryFrom<ClientConfig> for smileid_core::Config {
    type Error = SmileIdError;

    fn try_from(c: ClientConfig) -> Result<Self, SmileIdError> {
        let millis = |ms: i64, field: &str| unsigned(ms, field).map(Duration::from_millis);
        let mut config = smileid_core::Config::new(c.partner_id, c.auth.into());
        if let Some(url) = c.sandbox_url {
            config.sandbox_url = url;
        }
        if let Some(url) = c.production_url {
            config.production_url = url;
        }
        if let Some(ms) = c.request_timeout_millis {
            config.request_timeout = millis(ms, "request_timeout_millis")?;
        }
        if let Some(ms) = c.connect_timeout_millis {
            config.connect_timeout = millis(ms, "connect_timeout_millis")?;
        }
        if let Some(ms) = c.poll_interval_millis {
            config.poll_interval = millis(ms, "poll_interval_millis")?;
        }
        if let Some(r) = c.retry {
            config.retry = smileid_core::RetryPolicy {
                budget: millis(r.budget_millis, "retry.budget_millis")?,
                initial_delay: millis(r.initial_delay_millis, "retry.initial_delay_millis")?,
                max_delay: millis(r.max_delay_millis, "retry.max_delay_millis")?,
            };
        }
        config.extra_root_certificates_pem = c.extra_root_certificates_pem;
        config.keep_tags_after_success = c.keep_tags_after_success;
        config.transport = c.transport.map(|t| Arc::new(PlatformTransport(t)) as _);
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClientConfig {
        ClientConfig {
            partner_id: "2343".into(),
            auth: Auth::ApiKey { api_key: "key".into() },
            sandbox_url: Some("http://127.0.0.1:1/v1".into()),
            production_url: None,
            request_timeout_millis: Some(5_000),
            connect_timeout_millis: None,
            poll_interval_millis: Some(50),
            retry: Some(RetryPolicy {
                budget_millis: 2_000,
                initial_delay_millis: 10,
                max_delay_millis: 100,
            }),
            extra_root_certificates_pem: vec![],
            keep_tags_after_success: true,
            transport: None,
        }
    }

    #[test]
    fn converts_and_keeps_core_defaults() {
        let c: smileid_core::Config = config().try_into().unwrap();
        assert_eq!(c.poll_interval, Duration::from_millis(50));
        assert_eq!(c.request_timeout, Duration::from_secs(5));
        assert_eq!(
            c.connect_timeout,
            smileid_core::Config::new("x", smileid_core::Auth::ApiKey("k".into())).connect_timeout
        );
        assert_eq!(c.retry.budget, Duration::from_secs(2));
        assert!(c.keep_tags_after_success);
        assert_eq!(format!("{:?}", config().auth), "Auth::ApiKey(<redacted>)");
    }

    #[test]
    fn negative_numbers_name_their_field() {
        let e = smileid_core::Config::try_from(ClientConfig {
            poll_interval_millis: Some(-1),
            ..config()
        })
        .unwrap_err();
        assert_eq!(e.error_field().as_deref(), Some("poll_interval_millis"));
        let retry = RetryPolicy { budget_millis: -1, initial_delay_millis: 0, max_delay_millis: 0 };
        let e = smileid_core::Config::try_from(ClientConfig { retry: Some(retry), ..config() })
            .unwrap_err();
        assert_eq!(e.error_field().as_deref(), Some("retry.budget_millis"));
    }
}
