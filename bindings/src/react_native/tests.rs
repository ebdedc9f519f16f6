//! The React Native boundary against the real sandbox over HTTP: every document the JS layer
//! receives, made by real jobs on real photos. `SMILEID_UPDATE_DOCUMENTS=1` rewrites the
//! recorded documents in testdata/rn-documents (which the package's Jest tests and its mock are
//! checked against); otherwise each fresh document must have the recorded one's shape.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use futures_util::poll;
use serde_json::{json, Value};
use smileid_core::protocol::signature;
use smileid_sandbox::{FaultConfig, RunningSandbox, SandboxConfig};

use super::{RnBridge, RnPlatform};
use crate::capture::CaptureOutcome;
use crate::transport::HttpTransport;

/// Records events; answers signature requests with the sandbox's key when given one.
#[derive(Default)]
struct Events {
    seen: Mutex<Vec<(String, Value)>>,
    bridge: OnceLock<Weak<RnBridge>>,
    signing: OnceLock<(String, String)>,
}

impl RnPlatform for Events {
    fn emit(&self, name: String, body: String) {
        let body: Value = serde_json::from_str(&body).expect("events are JSON");
        if name == "onSignatureRequest" {
            let (api_key, partner) = self.signing.get().expect("a signing test").clone();
            let bridge = self.bridge.get().and_then(Weak::upgrade).expect("bridge alive");
            let id = body["requestId"].as_str().unwrap().to_string();
            assert_eq!(body["partnerId"], partner.as_str());
            // The app answers from another thread, later, as JS does.
            std::thread::spawn(move || {
                let signed = signature::sign_now(&api_key, &partner);
                bridge.resolve_signature(id, signed.signature, signed.timestamp);
            });
        }
        self.seen.lock().unwrap().push((name, body));
    }

    /// `content://faces/NAME`, as an Android photo picker would hand over a face photo.
    fn read_uri(&self, uri: String) -> Option<Vec<u8>> {
        std::fs::read(face(uri.strip_prefix("content://faces/")?)).ok()
    }

    /// The built-in transport: the Kotlin and Swift glue tests run the platform's.
    fn http_transport(
        &self,
        _certificate_pins: HashMap<String, Vec<String>>,
    ) -> Option<Arc<dyn HttpTransport>> {
        None
    }
}

impl Events {
    fn progress(&self, job_id: &str) -> Vec<Value> {
        let seen = self.seen.lock().unwrap();
        let of_job = |(n, b): &&(String, Value)| n == "onProgress" && b["jobId"] == job_id;
        seen.iter().filter(of_job).map(|(_, b)| b.clone()).collect()
    }
}

struct Env {
    sandbox: RunningSandbox,
    _dir: tempfile::TempDir,
    bridge: Arc<RnBridge>,
    events: Arc<Events>,
}

async fn env(processing_delay: Duration, faults: &str) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = smileid_sandbox::start(SandboxConfig {
        processing_delay,
        faults: FaultConfig::parse(faults, 7).unwrap(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let events = Arc::new(Events::default());
    let tags = dir.path().join("tags").to_string_lossy().into_owned();
    let bridge = RnBridge::new(tags, None, Arc::clone(&events) as Arc<dyn RnPlatform>);
    events.bridge.set(Arc::downgrade(&bridge)).ok();
    let env = Env { sandbox, _dir: dir, bridge, events };
    ok(&env.bridge.configure(env.config(json!({})).to_string()).await);
    env
}

impl Env {
    /// `configure()` for this sandbox, with `extra` keys over it.
    fn config(&self, extra: Value) -> Value {
        let mut config = json!({
            "partnerId": self.sandbox.partner_id(),
            "authToken": self.sandbox.auth_token(),
            "sandboxUrl": self.sandbox.base_url(),
            "pollIntervalMillis": 50,
            "retry": { "budgetMillis": 2000, "initialDelayMillis": 20, "maxDelayMillis": 100 },
            "keepTagsAfterSuccess": true,
        });
        config.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        config
    }

    async fn capture(&self, tag: &str, photo: &str) -> Value {
        let options = json!({ "tag": tag, "selfie": face(photo) });
        ok(&self.bridge.capture_selfie_from_files(options.to_string()).await)
    }

    async fn submit(&self, args: Value) -> String {
        self.bridge.submit_job(args.to_string()).await
    }
}

fn face(name: &str) -> String {
    format!("{}/../testdata/faces/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn ok(envelope: &str) -> Value {
    let mut doc: Value = serde_json::from_str(envelope).expect("an envelope is JSON");
    assert!(doc.get("error").is_none(), "expected ok, got {envelope}");
    doc["ok"].take()
}

fn error(envelope: &str) -> Value {
    let mut doc: Value = serde_json::from_str(envelope).expect("an envelope is JSON");
    assert!(doc.get("ok").is_none(), "expected an error, got {envelope}");
    doc["error"].take()
}

/// The document's shape: its keys (recursively, as far as they are the API's own) and types.
fn shape(v: &Value) -> Value {
    match v {
        // Keys chosen by the server or the app (the response body, partner params, actions).
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let opaque = ["json", "PartnerParams", "Actions"].contains(&k.as_str());
                    let inner = if opaque { json!("object") } else { shape(v) };
                    (k.clone(), inner)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.first().map(shape).into_iter().collect()),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("boolean"),
        Value::Null => json!("null"),
    }
}

/// Compares `doc` with the recorded document `name`, or records it.
fn recorded(name: &str, doc: &Value) {
    let path = format!("{}/../testdata/rn-documents/{name}.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("SMILEID_UPDATE_DOCUMENTS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap() + "\n").unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e}; record it with SMILEID_UPDATE_DOCUMENTS=1 cargo test -p smileid-ffi")
    });
    let was: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        shape(doc),
        shape(&was),
        "the {name} document changed shape; if intended, record it again with \
         SMILEID_UPDATE_DOCUMENTS=1 cargo test -p smileid-ffi"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_4_2_1_answer_the_documents_js_reads() {
    let env = env(Duration::from_millis(100), "").await;
    let captured = env.capture("obama", "obama_1.jpg").await;
    assert_eq!(captured["tag"], "obama");
    assert_eq!(captured["livenessPaths"].as_array().unwrap().len(), 7);
    recorded("captured", &captured);

    let partner = json!({ "user_id": "user-rn", "job_id": "jt4-rn", "my_ref": "A-17" });
    let enrol = json!([{ "tag": "obama", "jobType": 4, "partnerParams": partner,
        "jobStatusPollingTimeoutMillis": 20000 }]);
    let jt4 = ok(&env.submit(enrol).await);
    assert_eq!(jt4["ResultCode"], "0840");
    assert_eq!(
        (jt4["jobComplete"].as_bool(), jt4["jobSuccess"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(jt4["PartnerParams"]["my_ref"], "A-17");
    assert_eq!(jt4["Actions"]["Liveness_Check"], "Passed");
    assert_eq!(jt4["json"]["result"]["SmileJobID"], jt4["SmileJobID"]);
    let raw: Value = serde_json::from_str(jt4["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw["result"]["ResultCode"], "0840");
    assert!(jt4.get("incompleteReason").is_none(), "absent once complete");
    assert_eq!((jt4["jobType"].as_i64(), jt4["tag"].as_str()), (Some(4), Some("obama")));
    recorded("jt4", &jt4);
    let steps: Vec<Value> =
        env.events.progress("jt4-rn").iter().map(|e| e["type"].clone()).collect();
    assert_eq!(steps.first(), Some(&json!("authenticating")));
    assert_eq!(steps.last(), Some(&json!("done")));
    assert!(steps.contains(&json!("uploading")));
    recorded("progress", &Value::Array(env.events.progress("jt4-rn")));

    // rn-smile-id's positional form, with its defaults between.
    env.capture("obama-2", "obama_2.jpg").await;
    let auth = json!(["obama-2", 2, false, { "user_id": "user-rn" }, null, null, "", 20000]);
    let jt2 = ok(&env.submit(auth).await);
    assert_eq!(jt2["ResultCode"], "0820");
    assert_eq!(jt2["userId"], "user-rn");
    assert!(jt2["jobId"].as_str().unwrap().starts_with("job-"), "generated");
    recorded("jt2", &jt2);

    let kyc = json!([{ "tag": "obama", "jobType": 1, "jobStatusPollingTimeoutMillis": 20000,
        "idInfo": { "country": "NG", "id_type": "BVN", "idNumber": "00000000000" } }]);
    let jt1 = ok(&env.submit(kyc).await);
    assert_eq!((jt1["ResultCode"].as_str(), jt1["Country"].as_str()), (Some("0810"), Some("NG")));
    assert_eq!(jt1["IDType"], "BVN");
    assert!(jt1["FullName"].is_string());
    recorded("jt1", &jt1);

    let status = ok(&env
        .bridge
        .job_status(json!({ "jobId": "jt4-rn", "userId": "user-rn", "jobType": 4 }).to_string())
        .await);
    assert_eq!(
        (status["ResultCode"].as_str(), status["jobComplete"].as_bool()),
        (Some("0840"), Some(true))
    );
    assert!(status.get("tag").is_none() && status.get("timedOut").is_none());
    recorded("status", &status);

    let images = ok(&env.bridge.get_images_for_tag("obama".into()).await);
    assert_eq!(images["selfie"], captured["selfiePath"]);
    assert!(images["idCardFront"].is_null());
    recorded("tag-images", &images);
    let tags = ok(&env.bridge.get_current_tags().await);
    assert_eq!(tags, json!(["obama", "obama-2"]));
    ok(&env.bridge.delete_tag("obama-2".into()).await);
    assert_eq!(ok(&env.bridge.get_current_tags().await), json!(["obama"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_documents_naming_field_code_and_api_code() {
    let env = env(Duration::from_millis(10), "").await;
    let bad = error(&env.submit(json!(["t", 4, null, { "my_ref": 7 }])).await);
    assert_eq!(
        (bad["code"].as_str(), bad["field"].as_str()),
        (Some("invalid_input"), Some("partner_params.my_ref"))
    );
    assert!(bad.get("apiCode").is_none());
    recorded("error-invalid-input", &bad);

    let missing = error(&env.submit(json!([{ "tag": "nobody", "jobType": 4 }])).await);
    assert_eq!(missing["code"], "tag_not_found");
    recorded("error-tag-not-found", &missing);

    let kyc = error(&env.submit(json!([{ "tag": "nobody", "jobType": 1 }])).await);
    assert_eq!(kyc["field"], "id_info", "{kyc}");

    // A wrong auth token: Smile ID's own code and the HTTP status.
    let wrong = env.config(json!({ "authToken": "not-the-token" }));
    ok(&env.bridge.configure(wrong.to_string()).await);
    env.capture("obama", "obama_1.jpg").await;
    let api = error(&env.submit(json!([{ "tag": "obama", "jobType": 4 }])).await);
    assert_eq!(api["code"], "api_error", "{api}");
    assert!(api["apiCode"].is_string() && api["httpStatus"].is_number(), "{api}");
    recorded("error-api", &api);

    let no_partner = error(&env.bridge.configure("{}".into()).await);
    assert_eq!(no_partner["field"], "partner_id");
    // Pins are checked at configure, and refused where no platform HTTP stack can enforce them.
    let pin = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    let typo = env.config(json!({ "certificatePins": { "api.example.com": ["sha256/AAA"] } }));
    let typo = error(&env.bridge.configure(typo.to_string()).await);
    assert_eq!(typo["field"], r#"certificate_pins["api.example.com"]"#, "{typo}");
    let pinned = env.config(json!({ "certificatePins": { "api.example.com": [pin] } }));
    let unenforced = error(&env.bridge.configure(pinned.to_string()).await);
    assert_eq!(unenforced["field"], "certificate_pins", "{unenforced}");
    let no_ref =
        error(&env.bridge.job_status(json!({ "userId": "u", "jobType": 4 }).to_string()).await);
    assert_eq!(no_ref["field"], "partner_params.job_id");
    let uri = error(
        &env.bridge
            .capture_selfie_from_files(json!({ "selfie": "content://media/7" }).to_string())
            .await,
    );
    assert_eq!(uri["field"], "selfie");
    // A URI the platform opens (a picker's content:// on Android) makes a tag.
    let picked = json!({ "selfie": "content://faces/obama_2.jpg", "tag": "picked" });
    let captured = ok(&env.bridge.capture_selfie_from_files(picked.to_string()).await);
    assert_eq!(captured["tag"], "picked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incomplete_jobs_and_the_offline_queue() {
    let env = env(Duration::from_secs(30), "").await;
    env.capture("obama", "obama_1.jpg").await;
    // Timeout 0: the first status after the upload, still processing.
    let partner = json!({ "job_id": "slow", "user_id": "u-slow" });
    let slow =
        ok(&env.submit(json!([{ "tag": "obama", "jobType": 4, "partnerParams": partner }])).await);
    assert_eq!(
        (slow["jobComplete"].as_bool(), slow["incompleteReason"].as_str()),
        (Some(false), Some("timedOut"))
    );
    assert_eq!(slow["timedOut"], true);
    recorded("incomplete", &slow);

    let queued =
        ok(&env.bridge.enqueue_job(json!([{ "tag": "obama", "jobType": 4 }]).to_string()).await);
    let pending = ok(&env.bridge.pending_jobs().await);
    let ids: Vec<&str> =
        pending.as_array().unwrap().iter().map(|j| j["jobId"].as_str().unwrap()).collect();
    assert!(ids.contains(&"slow") && ids.contains(&queued.as_str().unwrap()), "{pending}");
    let entry = pending.as_array().unwrap().iter().find(|j| j["jobId"] == queued).unwrap();
    assert_eq!(entry["state"], "captured");
    assert!(entry["smileJobId"].is_null());
    recorded("pending", &pending);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumed_jobs_answer_results_and_errors() {
    let env = env(Duration::from_millis(10), "").await;
    env.capture("obama", "obama_1.jpg").await;
    let one = json!([{ "tag": "obama", "jobType": 4, "jobStatusPollingTimeoutMillis": 20000 }]);
    let queued = ok(&env.bridge.enqueue_job(one.to_string()).await);
    // A job whose tag is gone by the time it is resumed.
    env.capture("gone", "obama_2.jpg").await;
    let two = json!([{ "tag": "gone", "jobType": 4 }]);
    let lost = ok(&env.bridge.enqueue_job(two.to_string()).await);
    ok(&env.bridge.delete_tag("gone".into()).await);
    let resumed = ok(&env.bridge.resume_pending_jobs().await);
    let by_id: BTreeMap<String, Value> = resumed
        .as_array()
        .unwrap()
        .iter()
        .map(|j| (j["jobId"].as_str().unwrap().to_string(), j.clone()))
        .collect();
    assert_eq!(by_id[queued.as_str().unwrap()]["result"]["ResultCode"], "0840", "{resumed}");
    assert_eq!(by_id[lost.as_str().unwrap()]["error"]["code"], "tag_not_found", "{resumed}");
    recorded("resumed", &resumed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_by_job_id_and_every_resume() {
    // job_status never answers in time: the work is provably in flight when cancelled.
    let env = env(Duration::from_millis(10), "job_status:delay=60000:1.0").await;
    env.capture("obama", "obama_1.jpg").await;
    assert!(!env.bridge.cancel_job("stalled".into()), "nothing runs yet");
    let partner = json!({ "job_id": "stalled", "user_id": "u" });
    let args = json!([{ "tag": "obama", "jobType": 4, "partnerParams": partner,
        "jobStatusPollingTimeoutMillis": 60000 }]);
    let mut job = Box::pin(env.bridge.submit_job(args.to_string()));
    assert!(poll!(job.as_mut()).is_pending());
    // Uploaded: only the stalled job_status is left.
    let uploaded = |e: &Value| e["type"] == "uploading" && e["percent"] == 100;
    wait_for(|| env.events.progress("stalled").iter().any(uploaded)).await;
    // A jobStatus of the same id, registered (its first poll) while the job runs.
    let ask = json!({ "jobId": "stalled", "userId": "u", "jobType": 4 }).to_string();
    let mut status = Box::pin(env.bridge.job_status(ask));
    assert!(poll!(status.as_mut()).is_pending());
    assert!(env.bridge.cancel_job("stalled".into()), "stops the job, not the status request");
    let cancelled = error(&job.await);
    assert_eq!(cancelled["code"], "cancelled");
    recorded("error-cancelled", &cancelled);
    assert!(poll!(status.as_mut()).is_pending(), "the status request runs on");
    assert!(env.bridge.cancel_job("stalled".into()), "then cancelJob stops it");
    assert_eq!(error(&status.await)["code"], "cancelled");
    assert!(!env.bridge.cancel_job("stalled".into()));

    // Two overlapping resumes (the cancelled job is still pending): both stop.
    let mut first = Box::pin(env.bridge.resume_pending_jobs());
    let mut second = Box::pin(env.bridge.resume_pending_jobs());
    assert!(poll!(first.as_mut()).is_pending() && poll!(second.as_mut()).is_pending());
    assert!(env.bridge.cancel_resume());
    assert_eq!(error(&first.await)["code"], "cancelled");
    assert_eq!(error(&second.await)["code"], "cancelled");
    assert!(!env.bridge.cancel_resume());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signatures_come_from_the_app_through_events() {
    let env = env(Duration::from_millis(10), "").await;
    let signing = (env.sandbox.api_key().to_string(), env.sandbox.partner_id().to_string());
    env.events.signing.set(signing).unwrap();
    let config = env.config(json!({ "signatureProvider": true, "authToken": null }));
    ok(&env.bridge.configure(config.to_string()).await);
    env.capture("obama", "obama_1.jpg").await;
    let args = json!([{ "tag": "obama", "jobType": 4, "jobStatusPollingTimeoutMillis": 20000 }]);
    let jt4 = ok(&env.submit(args).await);
    assert_eq!(jt4["ResultCode"], "0840");
    let asked =
        env.events.seen.lock().unwrap().iter().filter(|(n, _)| n == "onSignatureRequest").count();
    assert!(asked >= 1);
}

/// Waits (yielding, bounded) until `done` holds; events arrive from the library's threads.
async fn wait_for(mut done: impl FnMut() -> bool) {
    for _ in 0..2000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("condition not reached in 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn camera_screens_start_from_options_and_end_in_documents() {
    let env = env(Duration::from_millis(10), "").await;
    let start = |options: Value| env.bridge.start_capture(options.to_string());
    let refused = |options: Value| {
        let start = start(options);
        assert!(start.screen.is_none());
        error(&start.refused.expect("an error envelope"))
    };
    assert_eq!(refused(json!({ "tag": "../x" }))["field"], "tag");
    assert_eq!(refused(json!({ "timeoutMillis": 0 }))["field"], "options.timeout_ms");
    assert_eq!(refused(json!({ "prompts": { "no_such_key": "?" } }))["code"], "invalid_input");
    assert_eq!(refused(json!([]))["field"], "options");
    let custom = json!({ "tag": "cam", "prompts": { "no_face": "Montrez votre visage" } });
    let screen = start(custom).screen.expect("a screen");
    assert_eq!(screen.tag(), "cam");

    let failed =
        CaptureOutcome::Failed { code: "capture_cancelled".into(), message: "closed".into() };
    let e = error(&env.bridge.capture_outcome(failed));
    assert_eq!(
        (e["code"].as_str(), e["message"].as_str()),
        (Some("capture_cancelled"), Some("closed"))
    );
    let captured = env.capture("obama", "obama_1.jpg").await;
    let done = CaptureOutcome::Captured { tag: "obama".into() };
    assert_eq!(ok(&env.bridge.capture_outcome(done)), captured);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enhanced_kyc_and_look_ups_answer_the_documents_js_reads() {
    let env = env(Duration::ZERO, "").await;
    let partner = json!({ "user_id": "user-rn-kyc", "job_id": "jt5-rn", "my_ref": "A-17" });
    let kyc = json!([{ "jobType": 5, "partnerParams": partner,
        "idInfo": { "country": "NG", "id_type": "BVN", "idNumber": "00000000000" } }]);
    let jt5 = ok(&env.submit(kyc).await);
    assert_eq!((jt5["ResultCode"].as_str(), jt5["verified"].as_bool()), (Some("1012"), Some(true)));
    assert_eq!((jt5["jobType"].as_i64(), jt5["jobId"].as_str()), (Some(5), Some("jt5-rn")));
    assert_eq!(
        (jt5["Country"].as_str(), jt5["FullName"].as_str()),
        (Some("NG"), Some("Joe Leo Doe"))
    );
    assert_eq!(jt5["PartnerParams"]["my_ref"], "A-17");
    assert_eq!(jt5["json"]["SmileJobID"], jt5["SmileJobID"]);
    recorded("jt5", &jt5);
    let not_found = json!([{ "jobType": 5,
        "idInfo": { "country": "KE", "idType": "NATIONAL_ID", "idNumber": "00000001" } }]);
    let not_found = ok(&env.submit(not_found).await);
    assert_eq!(
        (not_found["ResultCode"].as_str(), not_found["verified"].as_bool()),
        (Some("1013"), Some(false))
    );
    assert!(not_found["userId"].as_str().unwrap().starts_with("user-"), "generated");

    let bank = json!([{ "jobType": 5,
        "idInfo": { "country": "NG", "idType": "BANK_ACCOUNT", "idNumber": "0000000000" } }]);
    let missing = error(&env.submit(bank).await);
    assert_eq!(
        (missing["code"].as_str(), missing["field"].as_str()),
        (Some("invalid_input"), Some("id_info.bank_code"))
    );
    let no_id = error(&env.submit(json!([{ "jobType": 5 }])).await);
    assert_eq!(no_id["field"], "id_info");
    let with_tag = json!([{ "tag": "t", "jobType": 5,
        "idInfo": { "country": "NG", "idType": "BVN", "idNumber": "00000000000" } }]);
    assert_eq!(error(&env.submit(with_tag).await)["field"], "tag");
    assert_eq!(error(&env.submit(json!([{ "jobType": 4 }])).await)["field"], "tag");

    // The typed client behind the bridge also has the asynchronous form.
    let client = env.bridge.client().unwrap();
    let params = |callback: Option<&str>| crate::job::EnhancedKycParams {
        is_production: false,
        partner_params: Default::default(),
        id_info: Some(crate::job::IdInfo {
            country: "ZA".into(),
            id_type: "NATIONAL_ID_NO_PHOTO".into(),
            id_number: "0000000000000".into(),
            ..Default::default()
        }),
        phone_number: None,
        consent_information: None,
        callback_url: callback.map(str::to_string),
    };
    let no_callback = client.enhanced_kyc_async(params(None)).await.unwrap_err();
    assert!(format!("{no_callback:?}").contains("callback_url"), "{no_callback:?}");
    let accepted = client.enhanced_kyc_async(params(Some("http://127.0.0.1:9/cb"))).await.unwrap();
    let recorded_result = env.sandbox.job_result(env.sandbox.partner_id(), &accepted.job_id);
    assert_eq!(recorded_result.unwrap()["ResultCode"], "1012", "judged and recorded");

    for _ in 0..2 {
        let services = ok(&env.bridge.services("{}".into()).await);
        let enhanced = &services["hosted_web"]["enhanced_kyc"];
        assert_eq!(
            enhanced["UG"]["id_types"]["NATIONAL_ID_NO_PHOTO"]["test_data"],
            "00000000000000"
        );
        assert!(services["hosted_web"]["biometric_kyc"].get("UG").is_none());
        recorded("services", &services);
        let config = ok(&env.bridge.products_config("null".into()).await);
        assert!(config["idSelection"]["enhanced_kyc"]["NG"]
            .as_array()
            .unwrap()
            .contains(&json!("BANK_ACCOUNT")));
        recorded("products-config", &config);
        let documents = ok(&env.bridge.valid_documents(r#"{"isProduction":false}"#.into()).await);
        assert!(documents["valid_documents"][0]["id_types"][0]["has_back"].is_boolean());
        recorded("valid-documents", &documents);
    }
    assert_eq!(env.sandbox.stats().lookups_served, 3, "each look-up asked once");
    let bad = error(&env.bridge.services(r#"{"isProduction":"no"}"#.into()).await);
    assert_eq!(bad["field"], "is_production");
}

fn document(name: &str) -> String {
    format!("{}/../testdata/documents/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_jobs_and_enhanced_selfies_answer_the_documents_js_reads() {
    let env = env(Duration::ZERO, "").await;
    env.capture("doc", "obama_1.jpg").await;
    let add = |options: Value| env.bridge.capture_document_from_files(options.to_string());
    let small = json!({ "tag": "doc", "front": document("specimen_front_small.jpg") });
    let small = error(&add(small).await);
    assert_eq!(
        (small["code"].as_str(), small["field"].as_str()),
        (Some("invalid_image"), Some("front"))
    );
    let dark = json!({ "tag": "doc", "front": document("specimen_front.jpg"),
        "back": document("specimen_front_dark.jpg") });
    assert_eq!(error(&add(dark).await)["field"], "back");
    let no_tag = json!({ "front": document("specimen_front.jpg") });
    assert_eq!(error(&add(no_tag).await)["field"], "tag");
    let both = json!({ "tag": "doc", "front": document("specimen_front_photo.jpg"),
        "back": document("specimen_back.jpg") });
    let captured = ok(&add(both).await);
    assert_eq!(captured["tag"], "doc");
    assert!(captured["backPath"].as_str().unwrap().ends_with(".jpg"), "{captured}");
    recorded("captured-document", &captured);
    let images = ok(&env.bridge.get_images_for_tag("doc".into()).await);
    assert_eq!(images["idCardFront"], captured["frontPath"]);

    let id_info = json!({ "country": "NG", "idType": "PASSPORT" });
    for (job_type, name) in [(6, "jt6"), (11, "jt11")] {
        let args = json!([{ "tag": "doc", "jobType": job_type, "idInfo": id_info,
            "partnerParams": { "user_id": format!("user-doc-{job_type}") },
            "jobStatusPollingTimeoutMillis": 20000 }]);
        let result = ok(&env.submit(args).await);
        assert_eq!(
            (result["jobType"].as_i64(), result["jobComplete"].as_bool()),
            (Some(job_type), Some(true))
        );
        assert_eq!(result["ResultCode"], "0810", "{result}");
        assert_eq!(result["Actions"]["Document_Check"], "Passed");
        assert!(result["ExpirationDate"].is_string(), "{result}");
        recorded(name, &result);
    }
    let no_country = json!([{ "tag": "doc", "jobType": 6 }]);
    assert_eq!(error(&env.submit(no_country).await)["field"], "id_info");

    // Enhanced SmartSelfie: enrol, then authenticate, from selfie tags.
    env.capture("v2", "obama_2.jpg").await;
    let user = json!({ "user_id": "user-rn-v2", "job_id": "v2-enroll" });
    let enroll = json!([{ "tag": "v2", "jobType": 4, "enhanced": true, "partnerParams": user }]);
    let enrolled = ok(&env.submit(enroll).await);
    assert_eq!(
        (enrolled["enhanced"].as_bool(), enrolled["status"].as_str(), enrolled["jobId"].as_str()),
        (Some(true), Some("approved"), Some("v2-enroll"))
    );
    assert_eq!(enrolled["json"]["status"], "approved");
    recorded("v2-enroll", &enrolled);
    env.capture("v2-auth", "obama_3.jpg").await;
    let auth = json!([{ "tag": "v2-auth", "jobType": 2, "enhanced": true,
        "partnerParams": { "user_id": "user-rn-v2" } }]);
    let authenticated = ok(&env.submit(auth).await);
    assert_eq!(
        (authenticated["jobType"].as_i64(), authenticated["status"].as_str()),
        (Some(2), Some("approved"))
    );
    let kyc = json!([{ "tag": "v2-auth", "jobType": 1, "enhanced": true }]);
    assert_eq!(error(&env.submit(kyc).await)["field"], "job_type");
    let queued = json!([{ "tag": "v2-auth", "jobType": 2, "enhanced": true }]);
    assert_eq!(error(&env.bridge.enqueue_job(queued.to_string()).await)["field"], "enhanced");
}
