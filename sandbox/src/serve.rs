//! `serve`: the command-line front of the sandbox, shared by the `smileid-sandbox` binary and
//! `smileid sandbox serve`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::config::{SandboxConfig, DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN, DEFAULT_PARTNER_ID};
use crate::errors::SandboxError;
use crate::faults::{FaultConfig, FaultRule};
use crate::running::{start, RunningSandbox};

/// Flags of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (0.0.0.0 to let phones on the LAN in).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (read it from the SANDBOX_READY line).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// SQLite file for partners, jobs and enrolled users; a fresh temporary one if omitted.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Serve HTTPS with a self-signed certificate for localhost and 127.0.0.1.
    #[arg(long)]
    pub tls: bool,
    /// Where to write (or reuse) cert.pem and key.pem; a temporary directory if omitted.
    #[arg(long, value_name = "DIR", requires = "tls")]
    pub tls_dir: Option<PathBuf>,
    /// Partner id of the development partner.
    #[arg(long, env = "SMILEID_SANDBOX_PARTNER_ID", default_value = DEFAULT_PARTNER_ID)]
    pub partner_id: String,
    /// API key of the development partner.
    #[arg(
        long,
        env = "SMILEID_SANDBOX_API_KEY",
        default_value = DEFAULT_API_KEY,
        hide_env_values = true
    )]
    pub api_key: String,
    /// Auth token of the development partner (what smile_config.json carries).
    #[arg(
        long,
        env = "SMILEID_SANDBOX_AUTH_TOKEN",
        default_value = DEFAULT_AUTH_TOKEN,
        hide_env_values = true
    )]
    pub auth_token: String,
    /// How long a job stays "processing" after its zip arrives, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub processing_delay_ms: u64,
    /// Faults to inject: comma-separated ENDPOINT:KIND:PROBABILITY, e.g.
    /// "job_status:503:0.2,put:reset:0.1". ENDPOINT: auth_smile, upload, put, job_status,
    /// smart_selfie (both v2 endpoints), callbacks, id_verification; KIND: a status code (500,
    /// 503, 429), reset, delay=MS, truncate, drop (put).
    #[arg(long, value_name = "SPEC", value_delimiter = ',')]
    pub faults: Vec<FaultRule>,
    /// Seed of the fault draws (same seed and request order, same faults).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fault_seed: u64,
    /// Append each distinct API request's shape (field names and JSON types, never values) to
    /// FILE as JSON lines: what a client sends, comparable with the official clients.
    #[arg(long, value_name = "FILE")]
    pub record_shapes: Option<PathBuf>,
    /// Largest job export the dashboard builds, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = SandboxConfig::default().max_export_bytes)]
    pub max_export_bytes: usize,
}

impl ServeArgs {
    /// The sandbox configuration these flags describe.
    pub fn to_config(&self) -> SandboxConfig {
        SandboxConfig {
            bind: self.host,
            port: self.port,
            db_path: self.db.clone(),
            tls: self.tls,
            tls_dir: self.tls_dir.clone(),
            partner_id: self.partner_id.clone(),
            api_key: self.api_key.clone(),
            auth_token: self.auth_token.clone(),
            processing_delay: Duration::from_millis(self.processing_delay_ms),
            faults: FaultConfig { seed: self.fault_seed, rules: self.faults.clone() },
            record_shapes: self.record_shapes.clone(),
            max_export_bytes: self.max_export_bytes,
            ..SandboxConfig::default()
        }
    }
}

/// Starts the sandbox, prints how to reach it (a human block, then one `SANDBOX_READY {json}`
/// line) on stdout, and serves until Ctrl-C or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<(), SandboxError> {
    let sandbox = start(args.to_config()).await?;
    // Registered before the ready line, so a signal sent right after it is not lost.
    let stop_signal = stop_signal().map_err(SandboxError::Runtime)?;
    println!("{}", banner(&sandbox));
    println!("{}", ready_line(&sandbox));
    use std::io::Write;
    let _ = std::io::stdout().flush();
    stop_signal.await;
    tracing::info!("shutting down");
    sandbox.shutdown().await;
    Ok(())
}

/// The human-readable start-up block.
pub fn banner(sandbox: &RunningSandbox) -> String {
    let cert =
        sandbox.ca_cert_path().map_or("none (plain HTTP)".to_string(), |p| p.display().to_string());
    let lan = if sandbox.dashboard_token().is_some() {
        "\n               (from another device, put this machine's LAN address for 127.0.0.1)"
    } else {
        ""
    };
    format!(
        concat!(
            "Smile ID sandbox is running.\n  base URL:    {}\n  partner id:  {}\n",
            "  API key:     {}\n  auth token:  {}\n  certificate: {}\n",
            "  dashboard:   {}{}",
        ),
        sandbox.base_url(),
        sandbox.partner_id(),
        sandbox.api_key(),
        sandbox.auth_token(),
        cert,
        sandbox.dashboard_url(),
        lan,
    )
}

/// `SANDBOX_READY {"base_url":..,"partner_id":..,"api_key":..,"auth_token":..,
/// "ca_cert_path":..|null,"dashboard_url":..}`.
pub fn ready_line(sandbox: &RunningSandbox) -> String {
    let ready = serde_json::json!({
        "base_url": sandbox.base_url(),
        "partner_id": sandbox.partner_id(),
        "api_key": sandbox.api_key(),
        "auth_token": sandbox.auth_token(),
        "ca_cert_path": sandbox.ca_cert_path().map(|p| p.display().to_string()),
        "dashboard_url": sandbox.dashboard_url(),
    });
    format!("SANDBOX_READY {ready}")
}

/// Listens for Ctrl-C and SIGTERM from now on; the future resolves at the first of them.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let (mut interrupt, mut terminate) =
        (signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?);
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Listens for Ctrl-C; the future resolves when it comes.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
