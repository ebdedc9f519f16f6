//! Shared test helpers: a sandbox on a random port, raw signed requests, real job zips.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::{Cursor, Write};
use std::time::Duration;

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};
use smileid_core::protocol::signature::{sign_now, verify};
use smileid_sandbox::{RunningSandbox, SandboxConfig};

/// A short processing delay: clients still see "processing" but tests stay quick.
pub const TEST_DELAY: Duration = Duration::from_millis(30);

pub fn test_config() -> SandboxConfig {
    SandboxConfig {
        processing_delay: TEST_DELAY,
        callback_backoff: Duration::from_millis(20),
        ..SandboxConfig::default()
    }
}

pub fn face(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../testdata/faces/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("test photo")
}

/// A unique id for jobs and users, so tests never collide.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

/// A zip of the given entries (deflated, as Android writes them).
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Mobile-SDK form (§5.1): string image_type_id, liveness then selfie, files by name.
pub fn mobile_zip(selfie: &[u8], id_info: Option<Value>) -> Vec<u8> {
    let liveness = face("obama_1.jpg");
    let mut info = json!({ "images": [
        {"image_type_id": "4", "file_name": "si_liveness_1.jpg"},
        {"image_type_id": "4", "file_name": "si_liveness_2.jpg"},
        {"image_type_id": "0", "file_name": "si_selfie_3.jpg"},
    ]});
    if let Some(id_info) = id_info {
        info["id_info"] = id_info;
        info["consent_information"] = json!({"consented": {
            "consent_granted_date": "2025-06-15T12:30:00.000Z", "personal_details": true,
        }});
    }
    let info = serde_json::to_vec(&info).unwrap();
    zip_of(&[
        ("info.json", &info),
        ("security_info.json", b"{\"timestamp\":\"x\",\"mac\":\"opaque\"}"),
        ("si_liveness_1.jpg", &liveness),
        ("si_liveness_2.jpg", &liveness),
        ("si_selfie_3.jpg", selfie),
    ])
}

/// Server-library form (§5.2): integer image_type_id, a file selfie and a base64 liveness frame.
pub fn server_zip(selfie: &[u8], id_info: Option<Value>) -> Vec<u8> {
    let liveness = base64::engine::general_purpose::STANDARD.encode(face("obama_2.jpg"));
    let info = json!({
        "package_information": {
            "apiVersion": {"buildNumber": 0, "majorVersion": 2, "minorVersion": 0},
            "language": "javascript",
        },
        "misc_information": {"retry": "false", "file_name": "selfie.zip"},
        "id_info": id_info.unwrap_or(json!({})),
        "images": [
            {"image_type_id": 0, "image": "", "file_name": "selfie.jpg"},
            {"image_type_id": 6, "image": liveness, "file_name": ""},
        ],
    });
    zip_of(&[("info.json", &serde_json::to_vec(&info).unwrap()), ("selfie.jpg", selfie)])
}

pub fn bvn(id_number: &str) -> Value {
    json!({"country": "NG", "id_type": "BVN", "id_number": id_number, "entered": true})
}

pub struct Harness {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::with_config(test_config()).await
    }

    pub async fn with_config(config: SandboxConfig) -> Harness {
        let sandbox = smileid_sandbox::start(config).await.expect("sandbox starts");
        Harness { sandbox, http: reqwest::Client::new() }
    }

    pub fn url(&self, endpoint: &str) -> String {
        format!("{}/{endpoint}", self.sandbox.base_url())
    }

    pub fn partner(&self) -> &str {
        self.sandbox.partner_id()
    }

    /// `{partner_id, timestamp, signature}` signed with the API key.
    pub fn credentials(&self) -> Value {
        let signed = sign_now(self.sandbox.api_key(), self.partner());
        let (timestamp, signature) = (signed.timestamp, signed.signature);
        json!({"partner_id": self.partner(), "timestamp": timestamp, "signature": signature})
    }

    /// Sends a raw body; returns the status and the body parsed as JSON (Null if it is not).
    pub async fn raw(
        &self,
        endpoint: &str,
        body: impl Into<reqwest::Body>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .post(self.url(endpoint))
            .header("content-type", "application/json")
            .body(body);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request reaches the sandbox");
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub async fn post(&self, endpoint: &str, body: &Value) -> (StatusCode, Value) {
        self.raw(endpoint, serde_json::to_vec(body).unwrap(), &[]).await
    }

    /// An Enhanced KYC body signed with the API key, `extra` keys over it (null removes one).
    pub fn kyc_body(&self, extra: Value) -> Value {
        let mut body = self.credentials();
        let fields = json!({
            "partner_params": {"job_id": unique("ekyc"), "user_id": "ekyc-user", "job_type": 5},
            "country": "NG", "id_type": "BVN", "id_number": "00000000000",
            "source_sdk": "rust_test", "source_sdk_version": "0.1.0",
        });
        let object = body.as_object_mut().unwrap();
        object.extend(fields.as_object().unwrap().clone());
        for (key, value) in extra.as_object().unwrap() {
            match value {
                Value::Null => object.remove(key),
                value => object.insert(key.clone(), value.clone()),
            };
        }
        body
    }

    /// A prep_upload body signed with the API key, as the server libraries send it.
    pub fn prep_body(&self, job_type: i64, job_id: &str, user_id: &str, extras: Value) -> Value {
        let signed = sign_now(self.sandbox.api_key(), self.partner());
        let mut params = json!({"job_id": job_id, "user_id": user_id, "job_type": job_type});
        params.as_object_mut().unwrap().extend(extras.as_object().cloned().unwrap_or_default());
        json!({
            "partner_params": params,
            "callback_url": "",
            "smile_client_id": self.partner(),
            "source_sdk": "rust_test",
            "source_sdk_version": "0.1.0",
            "model_parameters": {},
            "timestamp": signed.timestamp,
            "signature": signed.signature,
        })
    }

    /// prep_upload that must succeed; returns the response.
    pub async fn prep_upload(&self, body: &Value) -> Value {
        let (status, response) = self.post("upload", body).await;
        assert_eq!(status, StatusCode::OK, "prep_upload: {response}");
        response
    }

    pub async fn put_zip(&self, upload_url: &str, zip: Vec<u8>) -> StatusCode {
        self.http
            .put(upload_url)
            .header("content-type", "application/zip")
            .body(zip)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// job_status signed with the API key; checks the response signature.
    pub async fn job_status(&self, job_id: &str, user_id: &str, extra: Value) -> Value {
        let mut body = self.credentials();
        body["job_id"] = job_id.into();
        body["user_id"] = user_id.into();
        body.as_object_mut().unwrap().extend(extra.as_object().cloned().unwrap_or_default());
        let (status, response) = self.post("job_status", &body).await;
        assert_eq!(status, StatusCode::OK, "job_status: {response}");
        self.assert_signed(&response);
        response
    }

    pub fn assert_signed(&self, body: &Value) {
        let (timestamp, signature) =
            (body["timestamp"].as_str().unwrap(), body["signature"].as_str().unwrap());
        assert!(
            verify(self.sandbox.api_key(), self.partner(), timestamp, signature),
            "bad signature on {body}"
        );
    }

    /// Polls job_status until the job is complete (bounded).
    pub async fn wait_complete(&self, job_id: &str, user_id: &str, extra: Value) -> Value {
        for _ in 0..1000 {
            let status = self.job_status(job_id, user_id, extra.clone()).await;
            if status["job_complete"] == json!(true) {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("job {job_id} never completed");
    }

    /// prep_upload + PUT + poll; returns the final job_status response.
    pub async fn run_job(
        &self,
        job_type: i64,
        user_id: &str,
        zip: Vec<u8>,
        extras: Value,
    ) -> Value {
        let job_id = unique("job");
        let prepared = self.prep_upload(&self.prep_body(job_type, &job_id, user_id, extras)).await;
        assert_eq!(
            self.put_zip(prepared["upload_url"].as_str().unwrap(), zip).await,
            StatusCode::OK
        );
        self.wait_complete(&job_id, user_id, json!({})).await
    }

    /// Runs a job and returns its `result.ResultCode`.
    pub async fn result_code(
        &self,
        job_type: i64,
        user_id: &str,
        zip: Vec<u8>,
        extras: Value,
    ) -> String {
        let status = self.run_job(job_type, user_id, zip, extras).await;
        status["result"]["ResultCode"]
            .as_str()
            .unwrap_or_else(|| panic!("no ResultCode in {status}"))
            .to_string()
    }

    /// [`Harness::result_code`] for a fresh user.
    pub async fn new_user_code(&self, job_type: i64, zip: Vec<u8>, extras: Value) -> String {
        self.result_code(job_type, &unique("user"), zip, extras).await
    }

    /// Enrols a fresh user with a JT4 job and returns its id.
    pub async fn enrolled_user(&self) -> String {
        let user = unique("user");
        assert_eq!(
            self.result_code(4, &user, mobile_zip(&face("obama_1.jpg"), None), json!({})).await,
            "0840"
        );
        user
    }
}
