//! Starting and stopping a sandbox, and reading its state from tests.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rand::RngExt;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::background::Background;
use crate::callbacks::Callbacks;
use crate::catalog::Catalog;
use crate::config::SandboxConfig;
use crate::dashboard::{self, DashboardState};
use crate::errors::SandboxError;
use crate::faults::Faults;
use crate::presign::Presigner;
use crate::processing::Processor;
use crate::state::AppState;
use crate::stats::{Counters, SandboxStats};
use crate::store::{JobState, Partner, Store};
use crate::{routes, server, shapes, tls};

/// Time background work (processing, callbacks) gets to finish at shutdown.
const TASK_DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// A sandbox serving in the background. Dropping it stops the server (without waiting);
/// [`RunningSandbox::shutdown`] stops it and waits.
pub struct RunningSandbox {
    base_url: String,
    port: u16,
    partner_id: String,
    api_key: String,
    auth_token: String,
    dashboard_token: Option<String>,
    tls: Option<tls::Tls>,
    store: Arc<Store>,
    counters: Arc<Counters>,
    shutdown: CancellationToken,
    server: Option<JoinHandle<()>>,
    tasks: TaskTracker,
    /// Keeps the temporary database alive (when no `db_path` was given).
    _temp_db: Option<TempDir>,
    /// The runtime of [`RunningSandbox::start_blocking`].
    runtime: Option<tokio::runtime::Runtime>,
}

/// Starts a sandbox on the current tokio runtime.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    validate(&config)?;
    let (db_path, temp_db) = match &config.db_path {
        Some(path) => (path.clone(), None),
        None => {
            let dir = tempfile::tempdir().map_err(|e| db_error(Path::new("<temporary>"), e))?;
            (dir.path().join("sandbox.db"), Some(dir))
        }
    };
    let partner =
        Partner { api_key: config.api_key.clone(), auth_token: config.auth_token.clone() };
    let (store, secret) = {
        let (path, partner_id) = (db_path.clone(), config.partner_id.clone());
        tokio::task::spawn_blocking(move || {
            let store = Store::open(&path)?;
            store.upsert_partner(&partner_id, partner)?;
            let secret =
                store.meta_value("presign_secret", || rand::rng().random::<[u8; 32]>().to_vec())?;
            Ok::<_, rusqlite::Error>((store, secret))
        })
        .await
        .map_err(|e| db_error(&db_path, e))?
        .map_err(|e| db_error(&db_path, e))?
    };
    let store = Arc::new(store);
    let tls = config.tls.then(|| tls::setup(config.tls_dir.as_deref())).transpose()?;
    let addr = SocketAddr::new(config.bind, config.port);
    let listener =
        TcpListener::bind(addr).await.map_err(|source| SandboxError::Bind { addr, source })?;
    let port = listener.local_addr().map_err(|source| SandboxError::Bind { addr, source })?.port();

    let shutdown = CancellationToken::new();
    let tasks = TaskTracker::new();
    let counters = Arc::new(Counters::default());
    let faults = Arc::new(Faults::new(&config.faults, counters.clone()));
    let bg = Background {
        store: store.clone(),
        counters: counters.clone(),
        faults: faults.clone(),
        tasks: tasks.clone(),
        shutdown: shutdown.clone(),
    };
    let callbacks = Callbacks::new(config.callback_attempts, config.callback_backoff, bg.clone());
    let processor = Processor::new(config.processing_delay, callbacks, bg);
    // Jobs whose zip arrived before a restart are judged now.
    for job in store.processing_jobs() {
        processor.enqueue(job);
    }
    let scheme = if tls.is_some() { "https" } else { "http" };
    let local_authority = format!("127.0.0.1:{port}");
    let base_url = format!("{scheme}://{local_authority}/v1");
    let state = Arc::new(AppState {
        store: store.clone(),
        presigner: Presigner::new(secret, config.presigned_url_ttl),
        counters: counters.clone(),
        processor,
        catalog: Catalog::build(),
        scheme,
        local_authority,
    });
    let recorder = config
        .record_shapes
        .as_deref()
        .map(|path| shapes::Recorder::create(path, config.max_json_body_bytes))
        .transpose()
        .map_err(|e| SandboxError::Config { field: "record_shapes", reason: e.to_string() })?;
    // Beyond the loopback address, others on the network could open the dashboard.
    let dashboard_token = (!config.bind.is_loopback()).then(|| {
        rand::rng().random::<[u8; 16]>().iter().map(|b| format!("{b:02x}")).collect::<String>()
    });
    let dashboard = dashboard::router(Arc::new(DashboardState {
        app: state.clone(),
        faults: faults.clone(),
        partner_id: config.partner_id.clone(),
        token: dashboard_token.clone(),
        port,
        max_export_bytes: config.max_export_bytes,
        shutdown: shutdown.clone(),
    }));
    let limits = (config.max_json_body_bytes, config.max_upload_bytes);
    let app = routes::router(state, limits, faults, recorder, dashboard);
    let server = tokio::spawn(server::run(
        listener,
        tls.as_ref().map(|t| t.acceptor.clone()),
        app,
        shutdown.clone(),
    ));
    tracing::info!(%base_url, partner_id = %config.partner_id, "sandbox listening");
    Ok(RunningSandbox {
        base_url,
        port,
        partner_id: config.partner_id,
        api_key: config.api_key,
        auth_token: config.auth_token,
        dashboard_token,
        tls,
        store,
        counters,
        shutdown,
        server: Some(server),
        tasks,
        _temp_db: temp_db,
        runtime: None,
    })
}

fn validate(config: &SandboxConfig) -> Result<(), SandboxError> {
    let non_empty = [
        ("partner_id", &config.partner_id),
        ("api_key", &config.api_key),
        ("auth_token", &config.auth_token),
    ];
    if let Some((field, _)) = non_empty.iter().find(|(_, v)| v.trim().is_empty()) {
        return Err(SandboxError::Config { field, reason: "must not be empty".into() });
    }
    if config.callback_attempts == 0 {
        return Err(SandboxError::Config {
            field: "callback_attempts",
            reason: "must be at least 1".into(),
        });
    }
    config
        .faults
        .validate()
        .map_err(|e| SandboxError::Config { field: "faults", reason: e.to_string() })?;
    Ok(())
}

fn db_error(path: &Path, e: impl std::fmt::Display) -> SandboxError {
    SandboxError::Database { path: path.display().to_string(), message: e.to_string() }
}

impl RunningSandbox {
    /// Starts a sandbox on a runtime of its own, for synchronous callers (the CLI demo, JVM
    /// tests). Must not be called from inside a tokio runtime.
    pub fn start_blocking(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("smileid-sandbox")
            .enable_all()
            .build()
            .map_err(SandboxError::Runtime)?;
        let mut sandbox = runtime.block_on(start(config))?;
        sandbox.runtime = Some(runtime);
        Ok(sandbox)
    }

    /// The v1 base URL, e.g. `http://127.0.0.1:40123/v1` (`https` with TLS).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The port it listens on (the one picked when `port` was 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The development partner's id.
    pub fn partner_id(&self) -> &str {
        &self.partner_id
    }

    /// The development partner's API key (signs requests, verifies responses).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The development partner's auth token (for `auth_smile`).
    pub fn auth_token(&self) -> &str {
        &self.auth_token
    }

    /// The dashboard's address on this machine, with `?token=` when one is required.
    pub fn dashboard_url(&self) -> String {
        let origin = self.base_url.trim_end_matches("/v1");
        match &self.dashboard_token {
            Some(token) => format!("{origin}{}?token={token}", dashboard::PATH),
            None => format!("{origin}{}", dashboard::PATH),
        }
    }

    /// The token the dashboard and its API require: set when the sandbox listens beyond the
    /// loopback address, fresh at each start.
    pub fn dashboard_token(&self) -> Option<&str> {
        self.dashboard_token.as_deref()
    }

    /// The self-signed certificate (PEM) clients must trust, when serving TLS.
    pub fn ca_cert_pem(&self) -> Option<&str> {
        self.tls.as_ref().map(|t| t.cert_pem.as_str())
    }

    /// Where that certificate is written (`cert.pem`), when serving TLS.
    pub fn ca_cert_path(&self) -> Option<&Path> {
        self.tls.as_ref().map(|t| t.cert_path.as_path())
    }

    /// Counters since start.
    pub fn stats(&self) -> SandboxStats {
        self.counters.snapshot()
    }

    /// How many jobs exist for (partner, job_id): 0 or 1 unless something went wrong.
    pub fn job_count(&self, partner_id: &str, job_id: &str) -> u64 {
        self.store.job_count(partner_id, job_id).expect("sandbox database readable")
    }

    /// How many zip PUTs the job received, duplicates included.
    pub fn uploads_received(&self, partner_id: &str, job_id: &str) -> u32 {
        self.store.job(partner_id, job_id).map_or(0, |j| j.put_count)
    }

    /// The job's result object once it is complete.
    pub fn job_result(&self, partner_id: &str, job_id: &str) -> Option<serde_json::Value> {
        let job = self.store.job(partner_id, job_id)?;
        match &job.state {
            JobState::Complete(c) => {
                Some(serde_json::from_str(c.result.get()).expect("stored results are JSON"))
            }
            _ => None,
        }
    }

    /// The partner's enrolled user ids, sorted.
    pub fn enrolled_users(&self, partner_id: &str) -> Vec<String> {
        self.store.enrolled_users(partner_id).expect("sandbox database readable")
    }

    /// Whether the user is enrolled with the partner.
    pub fn is_enrolled(&self, partner_id: &str, user_id: &str) -> bool {
        self.store.is_enrolled(partner_id, user_id).expect("sandbox database readable")
    }

    /// Stops accepting connections, lets open requests finish, waits for background work
    /// (bounded), and releases the database.
    pub async fn shutdown(mut self) {
        self.stop().await;
    }

    /// [`RunningSandbox::shutdown`] for synchronous callers. Must not be called from inside a
    /// tokio runtime.
    pub fn shutdown_blocking(mut self) {
        let runtime = match self.runtime.take() {
            Some(runtime) => runtime,
            None => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread runtime builds"),
        };
        runtime.block_on(self.stop());
    }

    async fn stop(&mut self) {
        self.shutdown.cancel();
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.tasks.close();
        let _ = tokio::time::timeout(TASK_DRAIN_TIMEOUT, self.tasks.wait()).await;
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(runtime) = self.runtime.take() {
            // Allowed even inside another runtime, unlike dropping it.
            runtime.shutdown_background();
        }
    }
}
