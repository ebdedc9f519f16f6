//! The transport interface: a job runs through the transport handed in with the configuration
//! (here the built-in one, wrapped to record what it is asked), and the built-in transport sends
//! a file body, and a refused certificate is not retried, against the real sandbox.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{request, Env, Recorder};
use futures_util::future::BoxFuture;
use smileid_core::protocol::signature::sign_now;
use smileid_core::transport::{
    HttpMethod, HttpRequest, HttpResponse, RequestBody, ReqwestTransport, Transport,
    TransportError, UploadProgress,
};
use smileid_core::{Auth, Client, Error, JobProgress, JobState};

/// Sends through `inner`, recording each request's method, path and whether it had progress.
#[derive(Debug)]
struct Recording {
    inner: ReqwestTransport,
    seen: Mutex<Vec<(HttpMethod, String, bool)>>,
}

impl Transport for Recording {
    fn send(
        &self,
        request: HttpRequest,
        on_sent: Option<UploadProgress>,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let path = request.url.parse::<http::Uri>().unwrap().path().to_string();
        self.seen.lock().unwrap().push((request.method, path, on_sent.is_some()));
        self.inner.send(request, on_sent)
    }
}

#[tokio::test]
async fn a_job_goes_through_the_transport_in_the_configuration() {
    let env = Env::start(Duration::from_millis(20)).await;
    let mut config = env.config(Auth::ApiKey(env.sandbox.api_key().to_string()));
    let inner = ReqwestTransport::new(&config).unwrap();
    let recording = Arc::new(Recording { inner, seen: Mutex::default() });
    config.transport = Some(Arc::clone(&recording) as Arc<dyn Transport>);
    let client = Client::new(config, env.store.clone()).unwrap();
    let tag = env.tag_from_photo("via-transport", "obama_1.jpg");
    let progress = Recorder::new();
    let result = client.submit_job(&request(&tag, 4, "u-transport"), progress.clone()).await;
    let status = result.unwrap().status;
    assert!(status.job_complete && status.job_success, "{}", status.raw);
    let seen = recording.seen.lock().unwrap().clone();
    assert_eq!(seen[0], (HttpMethod::Post, "/v1/upload".into(), false), "{seen:?}");
    assert!(matches!(&seen[1], (HttpMethod::Put, _, true)), "the zip, with progress: {seen:?}");
    assert!(seen[2..].iter().all(|(m, p, _)| *m == HttpMethod::Post && p == "/v1/job_status"));
    let last_upload = progress.events().into_iter().rev().find_map(|e| match e {
        JobProgress::Uploading { sent, total } => Some((sent, total)),
        _ => None,
    });
    assert!(last_upload.is_some_and(|(sent, total)| sent == total && total > 0));
}

#[tokio::test]
async fn the_built_in_transport_sends_a_file_body() {
    let env = Env::start(Duration::from_millis(20)).await;
    let signed = sign_now(env.sandbox.api_key(), env.sandbox.partner_id());
    let body = serde_json::json!({
        "partner_id": env.sandbox.partner_id(),
        "timestamp": signed.timestamp,
        "signature": signed.signature,
    });
    let file = env.dir.path().join("products_config.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let config = env.config(Auth::ApiKey("unused".into()));
    let transport = ReqwestTransport::new(&config).unwrap();
    let request = HttpRequest {
        method: HttpMethod::Post,
        url: format!("{}/products_config", env.sandbox.base_url()),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: RequestBody::File(file),
        timeout: Duration::from_secs(10),
    };
    let response = transport.send(request, None).await.unwrap();
    let text = String::from_utf8_lossy(&response.body);
    assert_eq!(response.status, 200, "{text}");
    assert!(text.contains("idSelection"), "{text}");
}

/// A certificate the client does not trust fails the request at once, however long the retry
/// budget (the same request would meet the same certificate), and the job stays pending: it may
/// pass from another network.
#[tokio::test]
async fn a_refused_certificate_is_not_retried_and_the_job_stays_pending() {
    let env = Env::start(Duration::from_millis(20)).await;
    let dir = tempfile::tempdir().unwrap();
    let https = smileid_sandbox::start(smileid_sandbox::SandboxConfig {
        db_path: Some(dir.path().join("tls.db")),
        tls: true,
        tls_dir: Some(dir.path().to_path_buf()),
        ..smileid_sandbox::SandboxConfig::default()
    })
    .await
    .unwrap();
    let mut config = env.config(Auth::ApiKey("k".into())).with_sandbox_url(https.base_url());
    config.retry.budget = Duration::from_secs(20);
    let inner = ReqwestTransport::new(&config).unwrap();
    let recording = Arc::new(Recording { inner, seen: Mutex::default() });
    config.transport = Some(Arc::clone(&recording) as Arc<dyn Transport>);
    let client = Client::new(config, env.store.clone()).unwrap();
    let tag = env.tag_from_photo("refused", "obama_1.jpg");
    let err = client.submit_job(&request(&tag, 4, "u-refused"), Recorder::new()).await.unwrap_err();
    assert!(matches!(err, Error::CertificateRefused(_)), "{err:?}");
    assert_eq!(err.code(), "network");
    assert!(err.to_string().contains("TLS certificate not trusted"), "{err}");
    assert_eq!(recording.seen.lock().unwrap().len(), 1, "asked once, not retried");
    let pending = client.pending_jobs().unwrap();
    assert_eq!(pending.len(), 1, "the job stays pending");
    assert_eq!(pending[0].state, JobState::Captured);
}
