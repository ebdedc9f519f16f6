//! The whole journey with raw HTTP: JT4 enrolment in token mode (auth_smile), JT2
//! authentication and JT1 Biometric KYC in API-key mode, callbacks to a real receiver.

mod common;

use axum::routing::post;
use axum::{Json, Router};
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use smileid_core::protocol::signature::verify;
use tokio::sync::mpsc;

/// A callback receiver on a random port; every POSTed body arrives on the channel.
async fn callback_receiver() -> (String, mpsc::UnboundedReceiver<Value>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/callback",
        post(move |Json(body): Json<Value>| {
            let tx = tx.clone();
            async move {
                tx.send(body).unwrap();
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}

fn assert_result_types(result: &Value, job_type: i64) {
    for key in [
        "ResultCode",
        "ResultText",
        "ResultType",
        "SmileJobID",
        "ConfidenceValue",
        "IsFinalResult",
        "IsMachineResult",
        "JSONVersion",
    ] {
        assert!(result[key].is_string(), "{key} must be a string in {result}");
    }
    assert_eq!(result["SmileJobID"].as_str().unwrap().len(), 10);
    assert_eq!(result["PartnerParams"]["job_type"], json!(job_type), "job_type must be an integer");
    for (key, value) in result["PartnerParams"].as_object().unwrap() {
        assert!(key == "job_type" || value.is_string(), "extra {key} must be a string");
    }
    assert_eq!(result["Actions"].as_object().unwrap().len(), 17, "every Actions key");
}

#[tokio::test]
async fn enrol_authenticate_and_kyc_with_callbacks() {
    let h = Harness::start().await;
    let (callback_url, mut callbacks) = callback_receiver().await;
    let user = unique("user");

    // JT4 in token mode: auth_smile, then the returned pair on prep_upload and job_status.
    let (status, auth) = h
        .post(
            "auth_smile",
            &json!({
                "job_type": 4, "enrollment": true, "user_id": user, "signature": true,
                "production": false, "partner_id": h.partner(),
                "auth_token": h.sandbox.auth_token(),
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{auth}");
    assert_eq!(auth["success"], json!(true));
    assert_eq!(auth["partner_params"]["user_id"], json!(user));
    assert_eq!(auth["partner_params"]["job_type"], json!(4));
    let job_id = auth["partner_params"]["job_id"].as_str().expect("generated job_id").to_string();
    let (timestamp, signature) = (auth["timestamp"].clone(), auth["signature"].clone());
    let prep = json!({
        "partner_params": {"job_id": job_id, "user_id": user, "job_type": 4, "my_ref": "A-17"},
        "callback_url": callback_url, "allow_new_enroll": false, "smile_client_id": h.partner(),
        "metadata": [
            {"name": "sdk", "value": "android", "timestamp": "2025-06-15T12:34:50.001Z"},
            {"name": "network_retries", "value": 0, "timestamp": "2025-06-15T12:34:56.000Z"},
        ],
        "source_sdk": "android", "source_sdk_version": "11.1.2",
        "timestamp": timestamp, "signature": signature,
    });
    let prepared = h.prep_upload(&prep).await;
    assert_eq!(prepared["code"], json!("2202"));
    assert_eq!(prepared["smile_job_id"].as_str().unwrap().len(), 10);
    assert!(prepared["ref_id"].as_str().unwrap().starts_with(&format!("{}-", h.partner())));
    let upload_url = prepared["upload_url"].as_str().unwrap();
    assert!(upload_url.contains("Expires=") && upload_url.contains("Signature="), "{upload_url}");
    assert_eq!(h.put_zip(upload_url, mobile_zip(&face("obama_1.jpg"), None)).await, StatusCode::OK);

    let token_status = json!({
        "user_id": user, "job_id": job_id, "image_links": false, "history": false,
        "partner_id": h.partner(), "timestamp": timestamp, "signature": signature,
    });
    let mut enrolled = Value::Null;
    for _ in 0..1000 {
        let (code, body) = h.post("job_status", &token_status).await;
        assert_eq!(code, StatusCode::OK, "{body}");
        h.assert_signed(&body);
        if body["job_complete"] == json!(true) {
            enrolled = body;
            break;
        }
        assert_eq!(body["job_success"], json!(false));
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        (enrolled["job_success"].clone(), enrolled["code"].clone()),
        (json!(true), json!("2302")),
        "{enrolled}"
    );
    let result = &enrolled["result"];
    assert_result_types(result, 4);
    assert_eq!(
        (result["ResultCode"].as_str(), result["ResultText"].as_str()),
        (Some("0840"), Some("Enroll User"))
    );
    assert_eq!(result["PartnerParams"]["my_ref"], json!("A-17"));
    assert_eq!(result["Actions"]["Register_Selfie"], json!("Approved"));
    assert!(
        enrolled.get("history").is_none() && enrolled.get("image_links").is_none(),
        "only when asked"
    );
    assert!(h.sandbox.is_enrolled(h.partner(), &user));

    // JT2 in API-key mode with a server-library zip (integer ids, base64 liveness).
    let auth_status = h.run_job(2, &user, server_zip(&face("obama_2.jpg"), None), json!({})).await;
    assert_eq!(auth_status["job_success"], json!(true));
    assert_result_types(&auth_status["result"], 2);
    assert_eq!(auth_status["result"]["ResultCode"], json!("0820"));
    assert_eq!(auth_status["result"]["ResultText"], json!("Authenticated"));

    // JT1 with a callback, history and image links.
    let kyc_user = unique("user");
    let kyc_job = unique("job");
    let mut body = h.prep_body(1, &kyc_job, &kyc_user, json!({}));
    body["callback_url"] = callback_url.clone().into();
    let prepared = h.prep_upload(&body).await;
    let selfie = face("grace_hopper.jpg");
    let zip = mobile_zip(&selfie, Some(bvn("00000000000")));
    assert_eq!(h.put_zip(prepared["upload_url"].as_str().unwrap(), zip).await, StatusCode::OK);
    let kyc =
        h.wait_complete(&kyc_job, &kyc_user, json!({"history": true, "image_links": true})).await;
    let result = &kyc["result"];
    assert_result_types(result, 1);
    assert_eq!(
        (result["ResultCode"].as_str(), result["ResultType"].as_str()),
        (Some("0810"), Some("SAIA"))
    );
    for (action, value) in [
        ("Verify_ID_Number", "Verified"),
        ("Return_Personal_Info", "Returned"),
        ("Selfie_To_ID_Authority_Compare", "Completed"),
        ("Liveness_Check", "Passed"),
        ("Register_Selfie", "Approved"),
    ] {
        assert_eq!(result["Actions"][action], json!(value), "{action}");
    }
    assert_eq!(
        (result["Country"].as_str(), result["IDType"].as_str(), result["IDNumber"].as_str()),
        (Some("NG"), Some("BVN"), Some("00000000000"))
    );
    assert!(
        result["FullName"].as_str().is_some_and(|n| !n.is_empty()) && result["DOB"].is_string()
    );
    assert!(result["FullData"].as_object().unwrap().values().all(Value::is_string));
    assert_eq!(kyc["history"], json!([result.clone()]));
    let link = kyc["image_links"]["selfie_image"].as_str().expect("selfie link");
    let image = h.http.get(link).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.bytes().await.unwrap().to_vec(), selfie);
    assert!(h.sandbox.is_enrolled(h.partner(), &kyc_user), "JT1 enrols");

    // Two callbacks (JT4, JT1), each the result object plus a valid signature.
    let mut codes = Vec::new();
    for _ in 0..2 {
        let callback = tokio::time::timeout(std::time::Duration::from_secs(30), callbacks.recv())
            .await
            .expect("callback arrives")
            .unwrap();
        let (timestamp, signature) =
            (callback["timestamp"].as_str().unwrap(), callback["signature"].as_str().unwrap());
        assert!(
            verify(h.sandbox.api_key(), h.partner(), timestamp, signature),
            "callback signature"
        );
        codes.push(callback["ResultCode"].as_str().unwrap().to_string());
        assert!(callback["PartnerParams"]["job_type"].is_i64());
    }
    codes.sort();
    assert_eq!(codes, ["0810", "0840"]);
    assert_eq!(h.sandbox.stats().callbacks_delivered, 2);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn failing_callbacks_are_retried_then_given_up_without_blocking_the_job() {
    let h = Harness::start().await;
    // A receiver that always answers 500.
    let (tx, mut rx) = mpsc::unbounded_channel::<()>();
    let app = Router::new().route(
        "/cb",
        post(move || {
            let tx = tx.clone();
            async move {
                tx.send(()).unwrap();
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/cb", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let user = unique("user");
    let job_id = unique("job");
    let mut body = h.prep_body(4, &job_id, &user, json!({}));
    body["callback_url"] = url.into();
    let prepared = h.prep_upload(&body).await;
    h.put_zip(prepared["upload_url"].as_str().unwrap(), mobile_zip(&face("obama_1.jpg"), None))
        .await;
    let done = h.wait_complete(&job_id, &user, json!({})).await;
    assert_eq!(done["result"]["ResultCode"], json!("0840"));
    for _ in 0..4 {
        tokio::time::timeout(std::time::Duration::from_secs(30), rx.recv())
            .await
            .expect("attempt")
            .unwrap();
    }
    for _ in 0..1000 {
        if h.sandbox.stats().callbacks_failed == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(h.sandbox.stats().callbacks_failed, 1);
    assert!(rx.try_recv().is_err(), "no fifth attempt (callback_attempts = 4)");
}
