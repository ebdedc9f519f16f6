//! The dashboard's API over real HTTP: jobs with their requests, images, results and callback
//! attempts; forced results; fault presets; deletion; exports; the token rule; and clear 4xx
//! JSON answers to bad input. The page itself is driven in Chromium by scripts/test-dashboard.

mod common;

use std::io::{Cursor, Read};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode as AxumStatus;
use axum::routing::post;
use axum::Router;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smileid_sandbox::SandboxConfig;

/// What a dashboard request got back: status, headers and body.
struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    /// A refusal: the given status and a JSON `error` that contains `text`.
    fn assert_refused(&self, status: StatusCode, text: &str) {
        let body = self.json();
        assert_eq!(self.status, status, "{body}");
        let error = body["error"].as_str().unwrap_or_else(|| panic!("no error in {body}"));
        assert!(error.contains(text), "{error:?} lacks {text:?}");
    }
}

async fn call(h: &Harness, method: Method, path: &str, body: Option<&str>) -> Answer {
    let origin = h.sandbox.base_url().trim_end_matches("/v1").to_string();
    let mut request = h.http.request(method, format!("{origin}{path}"));
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_string());
    }
    let response = request.send().await.expect("the sandbox answers");
    let (status, headers) = (response.status(), response.headers().clone());
    Answer { status, headers, body: response.bytes().await.unwrap().to_vec() }
}

async fn get(h: &Harness, path: &str) -> Answer {
    call(h, Method::GET, path, None).await
}

async fn post_json(h: &Harness, path: &str, body: Value) -> Answer {
    call(h, Method::POST, path, Some(&body.to_string())).await
}

/// Polls `path` until `done` holds for its JSON (bounded).
async fn wait_for(h: &Harness, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..1000 {
        let body = get(h, path).await.json();
        if done(&body) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{path} never reached the expected state");
}

/// A callback receiver answering 500 to the first delivery and 200 after.
async fn flaky_receiver() -> String {
    let calls = Arc::new(AtomicU32::new(0));
    let app = Router::new().route(
        "/cb",
        post(move || {
            let first = calls.fetch_add(1, Ordering::SeqCst) == 0;
            async move {
                if first {
                    AxumStatus::INTERNAL_SERVER_ERROR
                } else {
                    AxumStatus::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/cb?token=receiver-secret", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// Runs a Biometric KYC job with a callback; returns its SmileJobID.
async fn kyc_job(h: &Harness, user: &str, callback_url: &str) -> String {
    let job_id = unique("job");
    let mut body = h.prep_body(1, &job_id, user, json!({"my_ref": "A-17"}));
    body["callback_url"] = callback_url.into();
    let prepared = h.prep_upload(&body).await;
    let zip = mobile_zip(&face("obama_1.jpg"), Some(bvn("00000000000")));
    h.put_zip(prepared["upload_url"].as_str().unwrap(), zip).await;
    h.wait_complete(&job_id, user, json!({})).await;
    prepared["smile_job_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_job_shows_its_params_images_requests_result_and_callbacks() {
    let h = Harness::start().await;
    let receiver = flaky_receiver().await;
    let user = unique("user");
    let id = kyc_job(&h, &user, &receiver).await;

    let jobs = get(&h, "/dashboard/api/jobs").await.json();
    assert_eq!(jobs["jobs"][0]["smile_job_id"], id.as_str());
    assert_eq!(jobs["jobs"][0]["result"]["verdict"], "approved");
    assert_eq!(jobs["jobs"][0]["job_type_name"], "Biometric KYC");

    let path = format!("/dashboard/api/jobs/{id}");
    let job = wait_for(&h, &path, |job| {
        job["callbacks"].as_array().is_some_and(|c| c.len() == 2)
            && job["requests"].as_array().is_some_and(|r| {
                r.iter().any(|e| e["path"] == "/v1/job_status" && e["status"] == 200)
            })
    })
    .await;
    assert_eq!(job["partner_params"]["user_id"], user.as_str());
    assert_eq!(job["partner_params"]["my_ref"], "A-17");
    assert_eq!(job["job_type"], 1);
    assert_eq!(job["id_info"]["country"], "NG");
    assert_eq!(job["id_info"]["id_number"], "••••••", "personal fields are masked by default");
    assert_eq!(job["result_object"]["ResultCode"], "0810");
    assert_eq!(job["result_object"]["FullName"], "••••••");
    let attempts: Vec<&Value> = job["callbacks"].as_array().unwrap().iter().collect();
    assert_eq!(attempts.iter().map(|a| a["status"].clone()).collect::<Vec<_>>(), [500, 200]);
    assert!(attempts[0]["url"].as_str().unwrap().ends_with("/cb?[redacted]"), "{attempts:?}");

    let requests = job["requests"].as_array().unwrap();
    let first = |method: &str, prefix: &str| {
        requests
            .iter()
            .find(|r| r["method"] == method && r["path"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("no {method} {prefix} in {requests:?}"))
    };
    let prep = first("POST", "/v1/upload");
    assert_eq!(prep["status"], 200);
    assert!(prep["duration_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(prep["request"]["signature"], "[redacted]");
    assert!(prep["response"]["upload_url"].as_str().unwrap().ends_with("?[redacted]"));
    let put = first("PUT", "/uploads/");
    assert_eq!(put["status"], 200);
    assert!(put["request"].as_str().unwrap().starts_with("<zip upload, "), "{put}");
    assert_eq!(first("POST", "/v1/job_status")["response"]["signature"], "[redacted]");

    let images = job["images"].as_array().unwrap();
    assert_eq!(
        images.iter().map(|i| i["role"].as_str().unwrap()).collect::<Vec<_>>(),
        ["Liveness image", "Liveness image", "Selfie image"]
    );
    let selfie = get(&h, images[2]["url"].as_str().unwrap()).await;
    assert_eq!(selfie.status, StatusCode::OK);
    assert_eq!(selfie.headers["content-type"], "image/jpeg");
    assert_eq!(selfie.body, face("obama_1.jpg"));

    let revealed = get(&h, &format!("{path}?reveal=true")).await.json();
    assert_eq!(revealed["id_info"]["id_number"], "00000000000");
    assert_ne!(revealed["result_object"]["FullName"], "••••••");

    // No answer, the page included, carries a secret.
    let page = get(&h, "/dashboard").await;
    assert!(page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let export = get(&h, &format!("{path}/export?reveal=true")).await;
    let mut answers = vec![page.body, export.body, serde_json::to_vec(&revealed).unwrap()];
    for path in ["/dashboard/dashboard.js", "/dashboard/api/info", "/dashboard/api/faults"] {
        answers.push(get(&h, path).await.body);
    }
    for answer in answers {
        let text = String::from_utf8_lossy(&answer);
        for secret in [h.sandbox.api_key(), h.sandbox.auth_token(), "receiver-secret", "Signature="]
        {
            assert!(!text.contains(secret), "an answer carries {secret:?}");
        }
    }
}

#[tokio::test]
async fn a_polling_storm_is_counted_past_the_recorded_requests() {
    let h = Harness::start().await;
    let user = h.enrolled_user().await;
    let jobs = get(&h, "/dashboard/api/jobs").await.json();
    let (id, job_id) = (&jobs["jobs"][0]["smile_job_id"], &jobs["jobs"][0]["job_id"]);
    for _ in 0..200 {
        h.job_status(job_id.as_str().unwrap(), &user, json!({})).await;
    }
    let job = wait_for(&h, &format!("/dashboard/api/jobs/{}", id.as_str().unwrap()), |job| {
        job["requests"].as_array().is_some_and(|r| r.len() == 200)
    })
    .await;
    assert!(job["requests_not_recorded"].as_u64().unwrap() > 0, "{}", job["requests_not_recorded"]);
}

#[tokio::test]
async fn exports_hold_the_job_and_oversized_ones_are_refused() {
    let h = Harness::start().await;
    let id = kyc_job(&h, &unique("user"), "").await;
    let export = get(&h, &format!("/dashboard/api/jobs/{id}/export")).await;
    assert_eq!(export.status, StatusCode::OK);
    assert_eq!(export.headers["content-type"], "application/zip");
    let mut zip = zip::ZipArchive::new(Cursor::new(export.body)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for name in ["job.json", "upload/info.json", "upload/si_selfie_3.jpg"] {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
    let mut job = String::new();
    zip.by_name("job.json").unwrap().read_to_string(&mut job).unwrap();
    let job: Value = serde_json::from_str(&job).unwrap();
    assert_eq!(job["smile_job_id"], id.as_str());
    assert_eq!(job["id_info"]["id_number"], "••••••");
    let mut selfie = Vec::new();
    zip.by_name("upload/si_selfie_3.jpg").unwrap().read_to_end(&mut selfie).unwrap();
    assert_eq!(selfie, face("obama_1.jpg"));

    let small =
        Harness::with_config(SandboxConfig { max_export_bytes: 4096, ..test_config() }).await;
    let id = kyc_job(&small, &unique("user"), "").await;
    get(&small, &format!("/dashboard/api/jobs/{id}/export"))
        .await
        .assert_refused(StatusCode::PAYLOAD_TOO_LARGE, "--max-export-bytes");
}

#[tokio::test]
async fn an_unreadable_upload_is_shown_and_exported_as_sent() {
    let h = Harness::start().await;
    let (job_id, user) = (unique("job"), unique("user"));
    let prepared = h.prep_upload(&h.prep_body(4, &job_id, &user, json!({}))).await;
    h.put_zip(prepared["upload_url"].as_str().unwrap(), b"not a zip".to_vec()).await;
    assert_eq!(h.wait_complete(&job_id, &user, json!({})).await["result"]["ResultCode"], "0903");
    let id = prepared["smile_job_id"].as_str().unwrap();
    let job = get(&h, &format!("/dashboard/api/jobs/{id}")).await.json();
    assert!(job["upload_problem"].as_str().unwrap().starts_with("zip corrupt: "), "{job}");
    assert_eq!(job["images"], json!([]));
    assert_eq!(job["info_json"], Value::Null);
    let export = get(&h, &format!("/dashboard/api/jobs/{id}/export")).await;
    let mut zip = zip::ZipArchive::new(Cursor::new(export.body)).unwrap();
    let mut upload = Vec::new();
    zip.by_name("upload.zip").unwrap().read_to_end(&mut upload).unwrap();
    assert_eq!(upload, b"not a zip");
}

#[tokio::test]
async fn forced_results_apply_once_to_the_next_judgement() {
    let h = Harness::start().await;
    let user = unique("user");
    let forced = post_json(
        &h,
        "/dashboard/api/forced",
        json!({"target": "user", "id": user, "result": "reject"}),
    )
    .await;
    assert_eq!(forced.status, StatusCode::OK, "{}", forced.json());
    let pending = get(&h, "/dashboard/api/forced").await.json();
    assert_eq!(pending["forced"][0]["sandbox_result"], "1");
    assert_eq!(pending["forced"][0]["partner_id"], h.partner());
    let zip = || mobile_zip(&face("obama_1.jpg"), None);
    assert_eq!(h.result_code(4, &user, zip(), json!({})).await, "0841");
    assert_eq!(get(&h, "/dashboard/api/forced").await.json()["forced"], json!([]));
    assert_eq!(h.result_code(4, &user, zip(), json!({})).await, "0840", "used once");

    let job_id = unique("job");
    let body = json!({"target": "job", "id": job_id, "result": "provisional"});
    assert_eq!(post_json(&h, "/dashboard/api/forced", body).await.status, StatusCode::OK);
    let other = unique("user");
    let prepared = h.prep_upload(&h.prep_body(4, &job_id, &other, json!({}))).await;
    h.put_zip(prepared["upload_url"].as_str().unwrap(), zip()).await;
    let done = h.wait_complete(&job_id, &other, json!({})).await;
    assert_eq!(done["result"]["ResultCode"], "0842");
}

#[tokio::test]
async fn fault_presets_change_the_running_sandbox() {
    let h = Harness::start().await;
    let faults = get(&h, "/dashboard/api/faults").await.json();
    assert_eq!(faults["active"], "");
    assert_eq!(faults["preset"], "none");
    let set = post_json(&h, "/dashboard/api/faults", json!({"spec": "upload:503:1"})).await;
    assert_eq!(set.json()["active"], "upload:503:1");
    let body = h.prep_body(4, &unique("job"), &unique("user"), json!({}));
    assert_eq!(h.post("upload", &body).await.0, StatusCode::SERVICE_UNAVAILABLE);
    let set = post_json(&h, "/dashboard/api/faults", json!({"preset": "callbacks-down"})).await;
    assert_eq!(set.json()["preset"], "callbacks-down");
    assert_eq!(h.post("upload", &body).await.0, StatusCode::OK, "upload faults are gone");
    post_json(&h, "/dashboard/api/faults", json!({"preset": "none"})).await;
    assert_eq!(get(&h, "/dashboard/api/faults").await.json()["active"], "");
}

#[tokio::test]
async fn deleting_jobs_and_users() {
    let h = Harness::start().await;
    let user = h.enrolled_user().await;
    let id = get(&h, "/dashboard/api/jobs").await.json()["jobs"][0]["smile_job_id"]
        .as_str()
        .unwrap()
        .to_string();
    let removed = call(&h, Method::DELETE, &format!("/dashboard/api/jobs/{id}"), None).await;
    assert_eq!(removed.json(), json!({"jobs": [id.parse::<u64>().unwrap()], "unenrolled": [user]}));
    get(&h, &format!("/dashboard/api/jobs/{id}"))
        .await
        .assert_refused(StatusCode::NOT_FOUND, &format!("no job {id}"));
    assert!(!h.sandbox.is_enrolled(h.partner(), &user));

    let user = h.enrolled_user().await;
    let zip = mobile_zip(&face("obama_1.jpg"), None);
    assert_eq!(h.result_code(2, &user, zip, json!({})).await, "0820");
    let removed = call(&h, Method::DELETE, &format!("/dashboard/api/users/{user}"), None).await;
    let removed = removed.json();
    assert_eq!(removed["jobs"].as_array().unwrap().len(), 2, "{removed}");
    assert_eq!(removed["unenrolled"], json!([user]));
    assert_eq!(get(&h, "/dashboard/api/jobs").await.json()["jobs"], json!([]));
    call(&h, Method::DELETE, &format!("/dashboard/api/users/{user}"), None)
        .await
        .assert_refused(StatusCode::NOT_FOUND, "no user");
}

#[tokio::test]
async fn bad_input_gets_clear_4xx_json() {
    let h = Harness::start().await;
    let id = kyc_job(&h, &unique("user"), "").await;
    let cases: &[(Method, &str, Option<&str>, StatusCode, &str)] = &[
        (Method::GET, "/dashboard/api/jobs/abc", None, StatusCode::BAD_REQUEST, "smile_job_id"),
        (
            Method::GET,
            "/dashboard/api/jobs/99999",
            None,
            StatusCode::NOT_FOUND,
            "no job 0000099999",
        ),
        (Method::GET, "/dashboard/api/jobs/99999/export", None, StatusCode::NOT_FOUND, "no job"),
        (Method::DELETE, "/dashboard/api/jobs/99999", None, StatusCode::NOT_FOUND, "no job"),
        (Method::GET, "/dashboard/api/nothing", None, StatusCode::NOT_FOUND, "no endpoint"),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some("{oops"),
            StatusCode::BAD_REQUEST,
            "not valid JSON",
        ),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some("[1]"),
            StatusCode::BAD_REQUEST,
            "JSON object",
        ),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some(r#"{"target":"nobody","id":"u","result":"reject"}"#),
            StatusCode::BAD_REQUEST,
            "target",
        ),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some(r#"{"target":"user","id":"u","result":"maybe"}"#),
            StatusCode::BAD_REQUEST,
            "result",
        ),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some(r#"{"target":"user","result":"reject"}"#),
            StatusCode::BAD_REQUEST,
            "`id`",
        ),
        (
            Method::POST,
            "/dashboard/api/forced",
            Some(r#"{"id":"u","result":"reject"}"#),
            StatusCode::BAD_REQUEST,
            "`target`",
        ),
        (Method::POST, "/dashboard/api/faults", Some("{}"), StatusCode::BAD_REQUEST, "preset"),
        (
            Method::POST,
            "/dashboard/api/faults",
            Some(r#"{"preset":"storm"}"#),
            StatusCode::BAD_REQUEST,
            "unknown preset",
        ),
        (
            Method::POST,
            "/dashboard/api/faults",
            Some(r#"{"spec":"put:teapot:2"}"#),
            StatusCode::BAD_REQUEST,
            "spec",
        ),
    ];
    for (method, path, body, status, text) in cases {
        call(&h, method.clone(), path, *body).await.assert_refused(*status, text);
    }
    for path in [
        format!("/dashboard/api/jobs/{id}/images/x"),
        format!("/dashboard/api/jobs/{id}?reveal=maybe"),
    ] {
        get(&h, &path).await.assert_refused(StatusCode::BAD_REQUEST, "");
    }
    get(&h, &format!("/dashboard/api/jobs/{id}/images/99"))
        .await
        .assert_refused(StatusCode::NOT_FOUND, "no image 99");
    // A form post (not JSON) is refused, so another site cannot drive the controls.
    let origin = h.sandbox.base_url().trim_end_matches("/v1").to_string();
    let form = h
        .http
        .post(format!("{origin}/dashboard/api/forced"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("target=user&id=u&result=reject")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A page that rebinds its own host name to 127.0.0.1 is refused.
    let rebound = h
        .http
        .get(format!("{origin}/dashboard/api/jobs"))
        .header("host", "attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(rebound.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&h, "/dashboard/api/jobs").await.status, StatusCode::OK, "still serving");
}

#[tokio::test]
async fn beyond_loopback_the_dashboard_needs_the_printed_token() {
    let config = SandboxConfig { bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED), ..test_config() };
    let h = Harness::with_config(config).await;
    let token = h.sandbox.dashboard_token().expect("a token off the loopback address").to_string();
    assert!(h.sandbox.dashboard_url().ends_with(&format!("/dashboard?token={token}")));
    assert_eq!(Harness::start().await.sandbox.dashboard_token(), None, "none on 127.0.0.1");

    get(&h, "/dashboard").await.assert_refused(StatusCode::UNAUTHORIZED, "token printed at start");
    get(&h, "/dashboard/api/jobs").await.assert_refused(StatusCode::UNAUTHORIZED, "token");
    get(&h, "/dashboard/api/jobs?token=wrong").await.assert_refused(StatusCode::UNAUTHORIZED, "");
    let page = get(&h, &format!("/dashboard?token={token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie =
        page.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let origin = h.sandbox.base_url().trim_end_matches("/v1").to_string();
    for (name, value) in [("cookie", cookie), ("authorization", format!("Bearer {token}"))] {
        let answer =
            h.http.get(format!("{origin}/dashboard/api/jobs")).header(name, value).send().await;
        assert_eq!(answer.unwrap().status(), StatusCode::OK, "{name}");
    }
    // The Smile ID API itself stays open to phones on the LAN.
    let user = unique("user");
    let zip = mobile_zip(&face("obama_1.jpg"), None);
    assert_eq!(h.result_code(4, &user, zip, json!({})).await, "0840");
}

#[tokio::test]
async fn live_updates_announce_each_change() {
    let h = Harness::start().await;
    let origin = h.sandbox.base_url().trim_end_matches("/v1").to_string();
    let mut events = h.http.get(format!("{origin}/dashboard/api/events")).send().await.unwrap();
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    let first = String::from_utf8(events.chunk().await.unwrap().unwrap().to_vec()).unwrap();
    assert!(first.starts_with("event: change\ndata: "), "{first:?}");
    h.prep_upload(&h.prep_body(4, &unique("job"), &unique("user"), json!({}))).await;
    let next = tokio::time::timeout(Duration::from_secs(30), events.chunk()).await.unwrap();
    let next = String::from_utf8(next.unwrap().unwrap().to_vec()).unwrap();
    assert!(next.starts_with("event: change\n") && next != first, "{next:?}");
}

#[tokio::test]
async fn enhanced_kyc_jobs_show_with_their_request_and_masked_result() {
    let h = Harness::start().await;
    let (status, answer) = h.post("id_verification", &h.kyc_body(json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let id = answer["SmileJobID"].as_str().unwrap();
    let jobs = get(&h, "/dashboard/api/jobs").await.json();
    let listed = &jobs["jobs"][0];
    assert_eq!(
        (listed["job_type"].as_i64(), listed["job_type_name"].as_str()),
        (Some(5), Some("Enhanced KYC"))
    );
    assert_eq!(
        (listed["state"].as_str(), listed["result"]["verdict"].as_str()),
        (Some("complete"), Some("approved"))
    );
    let job = wait_for(&h, &format!("/dashboard/api/jobs/{id}"), |j| {
        j["requests"].as_array().is_some_and(|r| !r.is_empty())
    })
    .await;
    assert_eq!(job["requests"][0]["path"], "/v1/id_verification");
    assert_eq!(job["result_object"]["ResultCode"], "1012");
    let shown = job.to_string();
    assert!(!shown.contains("00000000000") && !shown.contains("Joe Leo Doe"), "masked: {shown}");
    let revealed = get(&h, &format!("/dashboard/api/jobs/{id}?reveal=true")).await.json();
    assert_eq!(revealed["result_object"]["FullName"], "Joe Leo Doe");
}
