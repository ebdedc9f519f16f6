//! Shared set-up for tests that run the client against the real sandbox over HTTP.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::sync::{Arc, Mutex};
use std::time::Duration;

use smileid_core::{
    Auth, Client, Config, IdInfo, ImageType, JobProgress, PartnerParams, ProgressListener,
    RetryPolicy, SubmitJobRequest, TagStore,
};
use smileid_sandbox::{FaultConfig, RunningSandbox, SandboxConfig};
use tokio::sync::mpsc;

pub fn photo(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../testdata/faces/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

pub struct Env {
    pub sandbox: RunningSandbox,
    pub store: TagStore,
    pub dir: tempfile::TempDir,
}

impl Env {
    pub async fn start(processing_delay: Duration) -> Env {
        Env::start_with_faults(processing_delay, "").await
    }

    /// A sandbox injecting `faults` (the `--faults` syntax, e.g. `job_status:503:1.0`).
    pub async fn start_with_faults(processing_delay: Duration, faults: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = smileid_sandbox::start(SandboxConfig {
            db_path: Some(dir.path().join("sandbox.db")),
            processing_delay,
            faults: FaultConfig::parse(faults, 11).unwrap(),
            ..SandboxConfig::default()
        })
        .await
        .unwrap();
        let store = TagStore::open(dir.path().join("tags")).unwrap();
        Env { sandbox, store, dir }
    }

    pub fn config(&self, auth: Auth) -> Config {
        let mut config =
            Config::new(self.sandbox.partner_id(), auth).with_sandbox_url(self.sandbox.base_url());
        config.poll_interval = Duration::from_millis(50);
        // Tests reuse one capture for several jobs.
        config.keep_tags_after_success = true;
        config.retry = RetryPolicy {
            budget: Duration::from_secs(2),
            initial_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(100),
        };
        config
    }

    pub fn api_key_client(&self) -> Client {
        Client::new(
            self.config(Auth::ApiKey(self.sandbox.api_key().to_string())),
            self.store.clone(),
        )
        .unwrap()
    }

    /// A tag made straight from a real photo: the photo as selfie and as 7 liveness frames.
    pub fn tag_from_photo(&self, tag: &str, photo_name: &str) -> String {
        let bytes = photo(photo_name);
        let mut writer = self.store.writer(Some(tag)).unwrap();
        for _ in 0..7 {
            writer.add(ImageType::Liveness, &bytes).unwrap();
        }
        writer.add(ImageType::Selfie, &bytes).unwrap();
        writer.commit("files").unwrap()
    }
}

/// Records every progress event.
#[derive(Default)]
pub struct Recorder(pub Mutex<Vec<JobProgress>>);

impl ProgressListener for Recorder {
    fn on_progress(&self, _job_id: &str, event: JobProgress) {
        self.0.lock().unwrap().push(event);
    }
}

impl Recorder {
    pub fn new() -> Arc<Recorder> {
        Arc::new(Recorder::default())
    }
    pub fn events(&self) -> Vec<JobProgress> {
        self.0.lock().unwrap().clone()
    }
}

/// A job for `user_id` on `tag`, polling up to 20 s.
pub fn request(tag: &str, job_type: i64, user_id: &str) -> SubmitJobRequest {
    SubmitJobRequest {
        tag: tag.into(),
        job_type,
        partner_params: PartnerParams { user_id: user_id.into(), ..Default::default() },
        job_status_polling_timeout_millis: 20_000,
        ..Default::default()
    }
}

/// Nigerian BVN id_info with the given (test) number.
pub fn bvn(id_number: &str) -> Option<IdInfo> {
    Some(IdInfo {
        country: "NG".into(),
        id_type: "BVN".into(),
        id_number: id_number.into(),
        ..Default::default()
    })
}

/// A callback receiver on 127.0.0.1 that forwards each body.
pub async fn callback_receiver() -> (String, mpsc::UnboundedReceiver<Vec<u8>>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/callback",
        axum::routing::post(move |body: axum::body::Bytes| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(body.to_vec());
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}
