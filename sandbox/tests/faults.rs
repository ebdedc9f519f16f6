//! Fault injection: each kind as a client sees it, and a chaos run in which every job still
//! completes exactly once.

mod common;

use std::io::{Read, Write};
use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use smileid_sandbox::{FaultConfig, SandboxConfig};

async fn faulty(spec: &str) -> Harness {
    Harness::with_config(SandboxConfig {
        faults: FaultConfig::parse(spec, 42).unwrap(),
        ..test_config()
    })
    .await
}

fn status_body(h: &Harness, job_id: &str, user_id: &str) -> Vec<u8> {
    let mut body = h.credentials();
    body["job_id"] = job_id.into();
    body["user_id"] = user_id.into();
    serde_json::to_vec(&body).unwrap()
}

#[tokio::test]
async fn status_faults_answer_with_the_envelope() {
    let h = faulty("job_status:503:1,auth_smile:429:1").await;
    let (status, body) = h.raw("job_status", status_body(&h, "j", "u"), &[]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("2201")));
    assert!(body["error"].as_str().unwrap().contains("fault"));
    let response = h.http.post(h.url("auth_smile")).body("{}").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_eq!(h.sandbox.stats().faults_injected, 2);
    // Endpoints without rules are untouched.
    assert_eq!(
        h.post("upload", &h.prep_body(4, &unique("job"), &unique("user"), json!({}))).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn reset_drops_the_connection_after_handling_the_request() {
    let h = faulty("upload:reset:1").await;
    let job_id = unique("job");
    let sent = h
        .http
        .post(h.url("upload"))
        .json(&h.prep_body(4, &job_id, &unique("user"), json!({})))
        .send()
        .await;
    let error = sent.expect_err("no response on a reset connection");
    assert!(error.is_request() || error.is_connect() || error.is_body(), "{error:?}");
    assert_eq!(
        h.sandbox.job_count(h.partner(), &job_id),
        1,
        "the job was created before the reset"
    );
    assert_eq!(
        h.http.get(h.url("services")).send().await.unwrap().status(),
        StatusCode::OK,
        "still serving"
    );
}

#[tokio::test]
async fn truncate_sends_half_the_body_under_a_full_content_length() {
    let h = faulty("job_status:truncate:1").await;
    let body = status_body(&h, "j", "u");
    let authority =
        h.sandbox.base_url().trim_start_matches("http://").split('/').next().unwrap().to_string();
    let raw = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&authority).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            stream,
            "POST /v1/job_status HTTP/1.1\r\nHost: {authority}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        stream.write_all(&body).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response); // ends at the close, however it closes
        String::from_utf8_lossy(&response).into_owned()
    })
    .await
    .unwrap();
    let (head, received) = raw.split_once("\r\n\r\n").expect("headers arrive");
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("a Content-Length");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(
        !received.is_empty() && received.len() < length,
        "{} of {length} bytes: {received}",
        received.len()
    );
    // reqwest sees a body error.
    let response =
        h.http.post(h.url("job_status")).body(status_body(&h, "j", "u")).send().await.unwrap();
    assert!(response.bytes().await.is_err());
}

#[tokio::test]
async fn dropped_uploads_leave_the_job_without_a_zip_until_it_is_sent_again() {
    let h = faulty("put:drop:1").await;
    let (job_id, user) = (unique("job"), unique("user"));
    let prepared = h.prep_upload(&h.prep_body(4, &job_id, &user, json!({}))).await;
    let url = prepared["upload_url"].as_str().unwrap();
    assert_eq!(h.put_zip(url, mobile_zip(&face("obama_1.jpg"), None)).await, StatusCode::OK);
    let status = h.job_status(&job_id, &user, json!({})).await;
    assert_eq!(
        (status["code"].as_str(), status["result"].as_str()),
        (Some("2314"), Some("No zip file received"))
    );
    let stats = h.sandbox.stats();
    assert_eq!((stats.uploads_dropped, stats.uploads_accepted), (1, 0));
    assert_eq!(h.sandbox.uploads_received(h.partner(), &job_id), 0);
}

#[tokio::test]
async fn delays_still_answer_and_callback_faults_fail_attempts() {
    let config = SandboxConfig {
        callback_attempts: 3,
        faults: FaultConfig::parse("job_status:delay=50:1,callbacks:503:1", 1).unwrap(),
        ..test_config()
    };
    let h = Harness::with_config(config).await;
    let (job_id, user) = (unique("job"), unique("user"));
    let mut body = h.prep_body(4, &job_id, &user, json!({}));
    body["callback_url"] = "http://127.0.0.1:9/never-reached".into();
    let prepared = h.prep_upload(&body).await;
    h.put_zip(prepared["upload_url"].as_str().unwrap(), mobile_zip(&face("obama_1.jpg"), None))
        .await;
    let done = h.wait_complete(&job_id, &user, json!({})).await;
    assert_eq!(done["result"]["ResultCode"], json!("0840"));
    for _ in 0..1000 {
        if h.sandbox.stats().callbacks_failed == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let stats = h.sandbox.stats();
    assert_eq!((stats.callbacks_failed, stats.callbacks_delivered), (1, 0));
}

/// A client that survives faults: retries transient failures, answers 2215 with retry:true,
/// and uploads again when job_status says the zip never arrived.
async fn resilient_job(h: &Harness, user: &str) -> Value {
    let job_id = unique("job");
    let mut prep = h.prep_body(4, &job_id, user, json!({}));
    let zip = mobile_zip(&face("obama_1.jpg"), None);
    let send = |endpoint: &'static str, body: Value| async move {
        let response = h.http.post(h.url(endpoint)).json(&body).send().await.ok()?;
        let status = response.status();
        Some((status, response.json::<Value>().await.ok()?))
    };
    let mut upload_url = None;
    for _ in 0..200 {
        match send("upload", prep.clone()).await {
            Some((StatusCode::OK, body)) => {
                upload_url = body["upload_url"].as_str().map(str::to_string);
                break;
            }
            Some((StatusCode::BAD_REQUEST, body)) if body["code"] == "2215" => {
                prep["retry"] = json!(true)
            }
            Some((status, body))
                if status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS =>
            {
                panic!("prep_upload refused: {body}")
            }
            _ => {}
        }
    }
    let upload_url = upload_url.expect("prep_upload succeeds within 200 tries");
    let put = || async {
        h.http
            .put(&upload_url)
            .body(zip.clone())
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
    };
    while !put().await {}
    let mut no_zip_polls = 0;
    for _ in 0..3000 {
        let mut body = h.credentials();
        body["job_id"] = job_id.clone().into();
        body["user_id"] = user.into();
        if let Some((StatusCode::OK, status)) = send("job_status", body).await {
            h.assert_signed(&status);
            if status["job_complete"] == json!(true) {
                assert_eq!(h.sandbox.job_count(h.partner(), &job_id), 1);
                return status;
            }
            if status["code"] == "2314" {
                no_zip_polls += 1;
                if no_zip_polls % 3 == 0 {
                    while !put().await {}
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("job {job_id} never completed");
}

#[tokio::test]
async fn chaos_every_job_completes_exactly_once() {
    let spec = "auth_smile:503:0.2,upload:500:0.07,upload:reset:0.07,upload:429:0.06,\
                put:reset:0.07,put:drop:0.07,put:503:0.06,\
                job_status:503:0.07,job_status:truncate:0.07,job_status:delay=5:0.06";
    let h = faulty(spec).await;
    const JOBS: usize = 16;
    let users: Vec<String> = (0..JOBS).map(|_| unique("user")).collect();
    let results =
        futures_util::future::join_all(users.iter().map(|user| resilient_job(&h, user))).await;
    for result in &results {
        assert_eq!(result["result"]["ResultCode"], json!("0840"), "{result}");
    }
    let stats = h.sandbox.stats();
    assert_eq!(stats.jobs_created, JOBS as u64, "{stats:?}");
    assert_eq!(stats.uploads_accepted, JOBS as u64, "one processed zip per job: {stats:?}");
    assert_eq!(stats.jobs_completed, JOBS as u64, "{stats:?}");
    assert!(stats.faults_injected > 0, "{stats:?}");
    assert_eq!(h.sandbox.enrolled_users(h.partner()).len(), JOBS);
    let over_http: Value = h
        .http
        .get(format!("http://127.0.0.1:{}/__sandbox/stats", h.sandbox.port()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(over_http["jobs_created"], json!(JOBS));
}
