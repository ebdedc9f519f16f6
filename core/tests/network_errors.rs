//! Network failures name the host, the cause and the way out, against real sockets on
//! 127.0.0.1: a closed port, an https sandbox whose CA is not trusted, a server that stalls and
//! one that resets. Retries follow the time budget, and a job that gives up stays pending.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{request, Env};
use smileid_core::{Auth, Client, Config, Error, JobState, NoProgress, RetryPolicy};
use smileid_sandbox::SandboxConfig;
use tokio::net::TcpListener;

/// Submits a job to `base_url` with one attempt per step; returns the error.
async fn submit_to(env: &Env, base_url: &str, tweak: impl FnOnce(&mut Config)) -> Error {
    let mut config = env.config(Auth::ApiKey("k".into())).with_sandbox_url(base_url);
    config.retry.budget = Duration::ZERO;
    tweak(&mut config);
    let client = Client::new(config, env.store.clone()).unwrap();
    let tag = env.tag_from_photo("net", "obama_1.jpg");
    client.submit_job(&request(&tag, 4, "u-net"), Arc::new(NoProgress)).await.unwrap_err()
}

/// A port on 127.0.0.1 nothing listens on.
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn closed_port_is_connection_refused() {
    let env = Env::start(Duration::from_millis(20)).await;
    let port = closed_port().await;
    let err = submit_to(&env, &format!("http://127.0.0.1:{port}/v1"), |_| {}).await;
    assert_eq!(err.code(), "network");
    let text = err.to_string();
    assert!(text.contains(&format!("127.0.0.1:{port}")), "names the host: {text}");
    assert!(text.contains("refused the connection"), "names the cause: {text}");
}

#[tokio::test]
async fn untrusted_certificate_says_so_and_names_the_fix() {
    let env = Env::start(Duration::from_millis(20)).await;
    let dir = tempfile::tempdir().unwrap();
    let https = smileid_sandbox::start(SandboxConfig {
        db_path: Some(dir.path().join("tls.db")),
        tls: true,
        tls_dir: Some(dir.path().to_path_buf()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let err = submit_to(&env, &https.base_url(), |_| {}).await;
    let text = err.to_string();
    assert_eq!(err.code(), "network", "{text}");
    assert!(text.contains(&format!("127.0.0.1:{}", https.port())), "names the host: {text}");
    assert!(text.contains("TLS certificate not trusted"), "names the cause: {text}");
    assert!(text.contains("--ca-cert"), "names the way out: {text}");
}

#[tokio::test]
async fn a_stalling_server_times_out() {
    let env = Env::start(Duration::from_millis(20)).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts connections and never answers.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let err = submit_to(&env, &format!("http://127.0.0.1:{port}/v1"), |c| {
        c.request_timeout = Duration::from_millis(300);
    })
    .await;
    let text = err.to_string();
    assert_eq!(err.code(), "timeout", "{text}");
    assert!(text.contains(&format!("127.0.0.1:{port}")), "names the host: {text}");
    assert!(text.contains("no answer in time"), "names the cause: {text}");
}

#[tokio::test]
async fn a_resetting_server_is_a_reset() {
    let env = Env::start(Duration::from_millis(20)).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts, reads the request, then resets the connection (RST: linger 0).
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = socket.readable().await;
            let _ = socket.try_read(&mut buf);
            // Linger 0 makes the close a reset; it does not block with nothing left to send.
            #[allow(deprecated)]
            socket.set_linger(Some(Duration::ZERO)).unwrap();
            drop(socket);
        }
    });
    let err = submit_to(&env, &format!("http://127.0.0.1:{port}/v1"), |_| {}).await;
    let text = err.to_string();
    assert_eq!(err.code(), "network", "{text}");
    assert!(text.contains(&format!("127.0.0.1:{port}")), "names the host: {text}");
    assert!(text.contains("reset"), "names the cause: {text}");
}

#[tokio::test]
async fn an_unknown_host_is_a_dns_failure() {
    let env = Env::start(Duration::from_millis(20)).await;
    // `.invalid` never resolves (RFC 2606).
    let err = submit_to(&env, "http://smileid-test.invalid/v1", |_| {}).await;
    let text = err.to_string();
    assert!(text.contains("smileid-test.invalid:80"), "names the host: {text}");
    assert!(text.contains("DNS"), "names the cause: {text}");
}

/// Retries run for the configured time, not a fixed count, and the job that gives up stays
/// pending (nothing reached the server, so it is still `captured`).
#[tokio::test]
async fn retries_last_the_budget_and_the_job_stays_pending() {
    let env = Env::start(Duration::from_millis(20)).await;
    let port = closed_port().await;
    let mut config = env
        .config(Auth::ApiKey("k".into()))
        .with_sandbox_url(format!("http://127.0.0.1:{port}/v1"));
    config.retry = RetryPolicy { budget: Duration::from_millis(1_500), ..RetryPolicy::default() };
    config.retry.initial_delay = Duration::from_millis(20);
    config.retry.max_delay = Duration::from_millis(100);
    let client = Client::new(config, env.store.clone()).unwrap();
    let tag = env.tag_from_photo("budget", "obama_1.jpg");
    let job = request(&tag, 4, "u-budget");
    let started = Instant::now();
    let err = client.submit_job(&job, Arc::new(NoProgress)).await.unwrap_err();
    let spent = started.elapsed();
    assert_eq!(err.code(), "network");
    // A refused connection fails in microseconds: only the budget can make it last this long.
    assert!(spent >= Duration::from_millis(1_500), "retried for the whole budget: {spent:?}");
    let pending = client.pending_jobs().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, JobState::Captured);
    assert!(env.store.exists(&tag).unwrap());
}
