//! The flags that say where and as whom to connect, shared by `submit` and `resume`.

use std::path::{Path, PathBuf};

use clap::Args;
use smileid_core::{Auth, Client, Config, Error, Result, TagStore};

#[derive(Args)]
pub struct Connection {
    /// Base URL of the API, e.g. http://127.0.0.1:8080/v1 (sandbox jobs) or Smile ID's.
    #[arg(long, env = "SMILEID_BASE_URL", default_value = smileid_core::SANDBOX_URL)]
    base_url: String,
    /// Send to production (https only); the base URL is then used as the production URL.
    #[arg(long)]
    pub production: bool,
    #[arg(long, env = "SMILEID_PARTNER_ID")]
    partner_id: String,
    /// Sign locally with the API key (backends and tests).
    #[arg(
        long,
        env = "SMILEID_API_KEY",
        conflicts_with = "auth_token",
        required_unless_present = "auth_token"
    )]
    api_key: Option<String>,
    /// Authenticate through /v1/auth_smile with the auth token (mobile mode).
    #[arg(long, env = "SMILEID_AUTH_TOKEN")]
    auth_token: Option<String>,
    /// Extra CA certificate (PEM file) to trust, e.g. the sandbox's with --tls.
    #[arg(long)]
    ca_cert: Option<PathBuf>,
    /// Keep a tag's images after its job succeeds.
    #[arg(long)]
    keep_tag: bool,
    /// Longest pause between job_status polls (they start at 250 ms and double up to this).
    #[arg(
        long,
        value_name = "MS",
        default_value_t = 2000,
        value_parser = clap::value_parser!(u64).range(1..=60_000)
    )]
    poll_interval_ms: u64,
    /// How long each step before the upload (auth, prep_upload, the zip PUT) is retried after
    /// network or server errors; then the job stays pending for `smileid resume`.
    #[arg(long, value_name = "MS", default_value_t = 60_000)]
    retry_budget_ms: u64,
}

impl Connection {
    /// A client over the tag store at `store`.
    pub fn client(self, store: &Path) -> Result<Client> {
        let auth = match (self.api_key, self.auth_token) {
            (Some(key), _) => Auth::ApiKey(key),
            (None, Some(token)) => Auth::AuthToken(token),
            (None, None) => {
                return Err(Error::InvalidInput {
                    field: "api_key".into(),
                    reason: "give --api-key or --auth-token".into(),
                })
            }
        };
        let mut config = Config::new(self.partner_id, auth);
        if self.production {
            config.production_url = self.base_url;
        } else {
            config.sandbox_url = self.base_url;
        }
        if let Some(path) = self.ca_cert {
            let pem = std::fs::read_to_string(&path).map_err(|e| Error::InvalidInput {
                field: "ca_cert".into(),
                reason: format!("cannot read the file: {e}"),
            })?;
            config.extra_root_certificates_pem.push(pem);
        }
        config.keep_tags_after_success = self.keep_tag;
        config.poll_interval = std::time::Duration::from_millis(self.poll_interval_ms);
        config.retry.budget = std::time::Duration::from_millis(self.retry_budget_ms);
        Client::new(config, TagStore::open(store)?)
    }
}

/// Adds the way out to a failure that leaves a recorded job pending: it stays pending, and `smileid
/// resume` finishes it.
pub fn with_resume_hint(e: Error) -> Error {
    const HINT: &str = "; the job stays pending (`smileid jobs` lists it): run `smileid resume` \
                        with the same connection flags to finish it";
    let transient = e.is_transient();
    match e {
        Error::Network(m) => Error::Network(m + HINT),
        Error::CertificateRefused(m) => Error::CertificateRefused(m + HINT),
        Error::Timeout(m) => Error::Timeout(m + HINT),
        Error::Api { code, message, http_status } if transient => {
            Error::Api { code, message: message + HINT, http_status }
        }
        other => other,
    }
}
