//! The v2 SmartSelfie endpoints over HTTP: both SDKs' part orders, the header signature, the
//! answer's shape, judgement (faces, enrolment), `pending` completed on job_status, the
//! dashboard's listing and forcing, and refusals that name the part or header.

mod common;

use common::{face, unique, Harness};
use reqwest::StatusCode;
use serde_json::{json, Value};
use smileid_core::protocol::signature::sign_now;

/// One part: name, optional file name, optional content type, bytes.
type PartSpec<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<u8>);
/// A form: its content type and body.
type Form = (String, Vec<u8>);
/// Headers replacing the signature headers.
type Headers<'a> = Option<&'a [(&'a str, &'a str)]>;
/// Path, form, headers, then the expected status, code and the name the error must contain.
type Refusal<'a> = (&'a str, Form, Headers<'a>, StatusCode, &'a str, &'a str);

fn form(parts: &[PartSpec<'_>]) -> Form {
    let boundary = uuid::Uuid::new_v4().to_string();
    let mut body = Vec::new();
    for (name, file_name, content_type, bytes) in parts {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").bytes(),
        );
        if let Some(file_name) = file_name {
            body.extend(format!("; filename=\"{file_name}\"").bytes());
        }
        body.extend(b"\r\n");
        if let Some(content_type) = content_type {
            body.extend(format!("Content-Type: {content_type}\r\n").bytes());
        }
        body.extend(b"\r\n");
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Android's order and content types (§3.5): images first, text parts `text/plain`.
fn android_form(selfie: &[u8], user_id: &str, extra: &[(&str, &str)]) -> Form {
    let jpeg = Some("image/jpeg");
    let text = Some("text/plain; charset=UTF-8");
    let mut parts: Vec<PartSpec<'_>> = vec![
        ("selfie_image", Some("si_selfie_1.jpg"), jpeg, selfie.to_vec()),
        ("liveness_images", Some("si_liveness_2.jpg"), jpeg, face("obama_1.jpg")),
        ("liveness_images", Some("si_liveness_3.jpg"), jpeg, face("obama_1.jpg")),
        ("user_id", None, text, user_id.as_bytes().to_vec()),
        (
            "partner_params",
            None,
            Some("application/json; charset=UTF-8"),
            br#"{"my_ref":"A-17"}"#.to_vec(),
        ),
    ];
    parts.extend(extra.iter().map(|(k, v)| (*k, None, text, v.as_bytes().to_vec())));
    parts.push(("metadata", None, text, br#"[{"name":"sdk","value":"android"}]"#.to_vec()));
    form(&parts)
}

/// iOS's order: partner_params, user_id, the rest, liveness, selfie; text parts untyped.
fn ios_form(selfie: &[u8], user_id: &str, extra: &[(&str, &str)]) -> Form {
    let mut parts: Vec<PartSpec<'_>> = vec![
        ("partner_params", None, Some("application/json"), b"{}".to_vec()),
        ("user_id", None, None, user_id.as_bytes().to_vec()),
    ];
    parts.extend(extra.iter().map(|(k, v)| (*k, None, None, v.as_bytes().to_vec())));
    parts.push(("metadata", None, None, b"[]".to_vec()));
    parts.push((
        "liveness_images",
        Some("si_liveness_9.jpg"),
        Some("image/jpeg"),
        face("obama_1.jpg"),
    ));
    parts.push(("selfie_image", Some("si_selfie_10.jpg"), Some("image/jpeg"), selfie.to_vec()));
    form(&parts)
}

impl Harness {
    fn v2_url(&self, path: &str) -> String {
        format!("{}/v2/{path}", self.sandbox.base_url().trim_end_matches("/v1"))
    }

    /// A signed v2 request; `headers` replace the signature headers when given.
    async fn v2(
        &self,
        path: &str,
        (content_type, body): Form,
        headers: Headers<'_>,
    ) -> (StatusCode, Value) {
        let signed = sign_now(self.sandbox.api_key(), self.partner());
        let signature_headers = [
            ("SmileID-Partner-ID", self.partner()),
            ("SmileID-Timestamp", signed.timestamp.as_str()),
            ("SmileID-Request-Signature", signed.signature.as_str()),
        ];
        let mut request =
            self.http.post(self.v2_url(path)).header("content-type", content_type).body(body);
        for (k, v) in headers.unwrap_or(&signature_headers) {
            request = request.header(*k, *v);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn dashboard(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}/api/{path}", self.sandbox.dashboard_url());
        let response = self.http.request(method, url).json(&body).send().await.unwrap();
        assert!(response.status().is_success(), "dashboard {path}");
        response.json().await.unwrap()
    }
}

fn assert_answer_shape(answer: &Value, job_type: &str, status: &str, code: &str) {
    for key in [
        "code",
        "created_at",
        "job_id",
        "job_type",
        "message",
        "partner_id",
        "partner_params",
        "status",
        "updated_at",
        "user_id",
    ] {
        assert!(answer.get(key).is_some(), "{key} missing in {answer}");
    }
    assert_eq!(
        (answer["job_type"].as_str(), answer["status"].as_str()),
        (Some(job_type), Some(status)),
        "{answer}"
    );
    assert_eq!(answer["code"], code, "{answer}");
    assert!(answer["partner_params"].as_object().unwrap().values().all(Value::is_string));
}

#[tokio::test]
async fn enrol_and_authenticate_in_both_sdks_part_orders() {
    let h = Harness::start().await;
    let user = unique("v2-user");
    let selfie = face("obama_2.jpg");
    let (status, enrolled) = h
        .v2(
            "smart-selfie-enroll",
            android_form(&selfie, &user, &[("allow_new_enroll", "false")]),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{enrolled}");
    assert_answer_shape(&enrolled, "smart_selfie_enrollment", "approved", "0840");
    assert_eq!(
        (enrolled["user_id"].as_str(), enrolled["partner_params"]["my_ref"].as_str()),
        (Some(user.as_str()), Some("A-17"))
    );
    assert!(h.sandbox.is_enrolled(h.partner(), &user));
    // The job is a job like any other: on job_status and on the dashboard.
    let job_id = enrolled["job_id"].as_str().unwrap();
    let done = h.job_status(job_id, &user, json!({})).await;
    assert_eq!(
        (done["job_complete"].as_bool(), done["result"]["ResultCode"].as_str()),
        (Some(true), Some("0840"))
    );
    let jobs = h.dashboard(reqwest::Method::GET, "jobs", Value::Null).await;
    assert!(jobs["jobs"].as_array().unwrap().iter().any(|j| j["job_id"] == job_id), "{jobs}");

    let (status, authenticated) =
        h.v2("smart-selfie-authentication", ios_form(&selfie, &user, &[]), None).await;
    assert_eq!(status, StatusCode::OK, "{authenticated}");
    assert_answer_shape(&authenticated, "smart_selfie_authentication", "approved", "0820");

    // Judged as jobs 4 and 2 are: a face on the selfie, an enrolled user.
    let (_, no_face) = h
        .v2("smart-selfie-authentication", ios_form(&face("no_face_coffee.jpg"), &user, &[]), None)
        .await;
    assert_answer_shape(&no_face, "smart_selfie_authentication", "rejected", "0921");
    let (_, stranger) = h
        .v2("smart-selfie-authentication", android_form(&selfie, &unique("nobody"), &[]), None)
        .await;
    assert_answer_shape(&stranger, "smart_selfie_authentication", "rejected", "0821");
    let (_, forced) = h
        .v2(
            "smart-selfie-authentication",
            android_form(&selfie, &user, &[("sandbox_result", "1")]),
            None,
        )
        .await;
    assert_answer_shape(&forced, "smart_selfie_authentication", "rejected", "0821");
    let (status, again) = h.v2("smart-selfie-enroll", ios_form(&selfie, &user, &[]), None).await;
    assert_eq!(
        (status, again["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("2209")),
        "{again}"
    );
}

#[tokio::test]
async fn pending_answers_complete_on_job_status() {
    let h = Harness::start().await;
    let selfie = face("grace_hopper.jpg");
    // By the sandbox_result part.
    let user = unique("v2-pending");
    let (_, pending) = h
        .v2("smart-selfie-enroll", android_form(&selfie, &user, &[("sandbox_result", "2")]), None)
        .await;
    assert_answer_shape(&pending, "smart_selfie_enrollment", "pending", "0842");
    let done = h.wait_complete(pending["job_id"].as_str().unwrap(), &user, json!({})).await;
    assert_eq!(done["job_success"], true, "{done}");
    assert!(h.sandbox.is_enrolled(h.partner(), &user));

    // Forced from the dashboard for the user's next job.
    let forced = json!({"target": "user", "id": user, "result": "provisional"});
    h.dashboard(reqwest::Method::POST, "forced", forced).await;
    let (_, pending) =
        h.v2("smart-selfie-authentication", ios_form(&selfie, &user, &[]), None).await;
    assert_answer_shape(&pending, "smart_selfie_authentication", "pending", "0822");
    let done = h.wait_complete(pending["job_id"].as_str().unwrap(), &user, json!({})).await;
    assert_eq!(done["result"]["ResultCode"], "0820", "{done}");
}

#[tokio::test]
async fn refusals_name_the_part_or_header() {
    let h = Harness::start().await;
    let selfie = face("obama_1.jpg");
    let user = unique("v2-bad");
    let enrol = "smart-selfie-enroll";
    let auth = "smart-selfie-authentication";
    let bad_signature = [
        ("SmileID-Partner-ID", h.partner()),
        ("SmileID-Timestamp", "t"),
        ("SmileID-Request-Signature", "AAAA"),
    ];
    let no_signature = [("SmileID-Partner-ID", h.partner()), ("SmileID-Timestamp", "t")];
    let (bad, missing) = (StatusCode::BAD_REQUEST, StatusCode::BAD_REQUEST);
    let android = |extra: &[(&str, &str)]| android_form(&selfie, &user, extra);
    let json_body = ("application/json".to_string(), b"{}".to_vec());
    let broken = ("multipart/form-data; boundary=zz".to_string(), b"--zz\r\nbroken".to_vec());
    let no_selfie = form(&[("user_id", None, None, b"u".to_vec())]);
    let no_user = form(&[("selfie_image", Some("s.jpg"), None, selfie.clone())]);
    let cases: Vec<Refusal<'_>> = vec![
        (enrol, android(&[]), Some(&bad_signature), StatusCode::UNAUTHORIZED, "2205", "signature"),
        (enrol, android(&[]), Some(&no_signature), missing, "2213", "SmileID-Request-Signature"),
        (enrol, json_body, None, bad, "2204", "Content-Type"),
        (enrol, no_selfie, None, missing, "2213", "selfie_image"),
        (auth, no_user, None, missing, "2213", "user_id"),
        (enrol, android(&[("sandbox_result", "7")]), None, bad, "2204", "sandbox_result"),
        (enrol, android(&[("allow_new_enroll", "yes")]), None, bad, "2204", "allow_new_enroll"),
        (enrol, broken, None, bad, "2204", "body"),
    ];
    for (path, body, headers, status, code, field) in cases {
        let (got, answer) = h.v2(path, body, headers).await;
        assert_eq!((got, answer["code"].as_str()), (status, Some(code)), "{field}: {answer}");
        assert!(answer["error"].as_str().unwrap().contains(field), "{field}: {answer}");
    }
    assert!(!h.sandbox.is_enrolled(h.partner(), &user), "nothing refused was enrolled");
}

#[tokio::test]
async fn shape_recording_passes_large_forms_on_and_records_their_media_type() {
    let dir = tempfile::tempdir().unwrap();
    let recording = dir.path().join("shapes.jsonl");
    let config = smileid_sandbox::SandboxConfig {
        record_shapes: Some(recording.clone()),
        ..common::test_config()
    };
    let h = Harness::with_config(config).await;
    let jpeg = Some("image/jpeg");
    let mut parts: Vec<PartSpec<'_>> =
        vec![("selfie_image", Some("si_selfie_1.jpg"), jpeg, face("obama_2.jpg"))];
    parts.extend(
        (0..8).map(|_| ("liveness_images", Some("si_liveness.jpg"), jpeg, face("obama_1.jpg"))),
    );
    let form = form(&parts);
    assert!(form.1.len() > 1024 * 1024, "larger than the JSON body limit");
    let (status, answer) = h.v2("smart-selfie-enroll", form, None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["status"], "approved", "{answer}");
    let recorded = std::fs::read_to_string(&recording).unwrap();
    let expected =
        r#"{"endpoint":"smart-selfie-enroll","shape":{"content-type":"multipart/form-data"}}"#;
    assert!(recorded.lines().any(|l| l == expected), "{recorded}");
}
