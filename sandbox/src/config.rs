//! How a sandbox is started: address, storage, TLS, the development partner and timings.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

use crate::faults::FaultConfig;

/// Default development partner: the partner id of the protocol's examples.
pub const DEFAULT_PARTNER_ID: &str = "2343";
/// Default API key of the development partner.
pub const DEFAULT_API_KEY: &str = "sandbox-secret-key";
/// Default auth token (what `smile_config.json` carries) of the development partner.
pub const DEFAULT_AUTH_TOKEN: &str = "sandbox-auth-token";

/// Everything [`crate::start`] needs. `Default` gives a fresh, random-port, plain-HTTP sandbox
/// with the default partner.
#[derive(Clone)]
pub struct SandboxConfig {
    /// Address to listen on; `127.0.0.1` by default (`0.0.0.0` lets phones on the LAN reach it;
    /// the dashboard then requires the token [`crate::RunningSandbox::dashboard_token`]).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// SQLite file holding partners, jobs and enrolled users. `None`: a fresh temporary database
    /// removed on shutdown.
    pub db_path: Option<PathBuf>,
    /// Serve HTTPS with a self-signed certificate for `localhost` and `127.0.0.1`.
    pub tls: bool,
    /// Where `cert.pem` and `key.pem` are written when `tls` is on; `None`: a temporary directory.
    pub tls_dir: Option<PathBuf>,
    /// The development partner's id, created or updated in the database at start.
    pub partner_id: String,
    /// Its API key: signs requests and the sandbox's responses and callbacks.
    pub api_key: String,
    /// Its auth token, exchanged at `auth_smile` for a signature.
    pub auth_token: String,
    /// How long a job stays "processing" after its zip arrives, so clients really poll.
    pub processing_delay: Duration,
    /// Lifetime of the upload URLs and image links the sandbox mints.
    pub presigned_url_ttl: Duration,
    /// Largest accepted JSON request body (after gzip inflation).
    pub max_json_body_bytes: usize,
    /// Largest accepted zip upload.
    pub max_upload_bytes: usize,
    /// Delivery attempts per callback, the first included.
    pub callback_attempts: u32,
    /// Pause before the first callback retry; doubles on each further retry.
    pub callback_backoff: Duration,
    /// Faults to inject (none by default).
    pub faults: FaultConfig,
    /// Append the shape (field names and JSON types, never values) of each distinct API request
    /// to this file, one JSON line each (see `shapes`).
    pub record_shapes: Option<PathBuf>,
    /// Largest job export the dashboard builds (`/dashboard/api/jobs/<id>/export`).
    pub max_export_bytes: usize,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            db_path: None,
            tls: false,
            tls_dir: None,
            partner_id: DEFAULT_PARTNER_ID.to_string(),
            api_key: DEFAULT_API_KEY.to_string(),
            auth_token: DEFAULT_AUTH_TOKEN.to_string(),
            processing_delay: Duration::from_millis(500),
            presigned_url_ttl: Duration::from_secs(3600),
            max_json_body_bytes: 1024 * 1024,
            max_upload_bytes: 32 * 1024 * 1024,
            callback_attempts: 4,
            callback_backoff: Duration::from_millis(250),
            faults: FaultConfig::default(),
            record_shapes: None,
            max_export_bytes: 64 * 1024 * 1024,
        }
    }
}

impl fmt::Debug for SandboxConfig {
    // The API key and auth token are secrets even in a sandbox: never print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("bind", &self.bind)
            .field("port", &self.port)
            .field("db_path", &self.db_path)
            .field("tls", &self.tls)
            .field("tls_dir", &self.tls_dir)
            .field("partner_id", &self.partner_id)
            .field("api_key", &"<redacted>")
            .field("auth_token", &"<redacted>")
            .field("processing_delay", &self.processing_delay)
            .field("presigned_url_ttl", &self.presigned_url_ttl)
            .field("max_json_body_bytes", &self.max_json_body_bytes)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .field("callback_attempts", &self.callback_attempts)
            .field("callback_backoff", &self.callback_backoff)
            .field("faults", &self.faults)
            .field("record_shapes", &self.record_shapes)
            .field("max_export_bytes", &self.max_export_bytes)
            .finish()
    }
}
