//! Each error path of `submit_job` against the real sandbox: typed errors naming the field, and
//! the tag always left intact.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{bvn, request, Env};
use smileid_core::{Auth, Client, Error, GeoInfo, IdInfo, NoProgress, SubmitJobRequest};

fn api_code(e: &Error) -> &str {
    match e {
        Error::Api { code, .. } => code,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_inputs_are_typed_and_lose_nothing() {
    let env = Env::start(Duration::from_millis(50)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("keep-me", "obama_1.jpg");
    let before = env.store.images(&tag).unwrap();
    let good = request(&tag, 4, "u1");

    let mut reserved = good.clone();
    reserved.partner_params.extras.insert("user_id".into(), "x".into());
    let table: Vec<(&str, SubmitJobRequest, &str, &str)> = vec![
        (
            "path in tag",
            SubmitJobRequest { tag: "../etc".into(), ..good.clone() },
            "invalid_input",
            "tag",
        ),
        (
            "missing tag",
            SubmitJobRequest { tag: "nope".into(), ..good.clone() },
            "tag_not_found",
            "tag",
        ),
        (
            "job type 3",
            SubmitJobRequest { job_type: 3, ..good.clone() },
            "unsupported_job_type",
            "job_type",
        ),
        (
            "job type -1",
            SubmitJobRequest { job_type: -1, ..good.clone() },
            "unsupported_job_type",
            "job_type",
        ),
        ("auth without user", request(&tag, 2, ""), "invalid_input", "partner_params.user_id"),
        ("kyc without id_info", request(&tag, 1, "u"), "invalid_input", "id_info"),
        (
            "kyc bad country",
            SubmitJobRequest {
                id_info: Some(IdInfo { country: "Nigeria".into(), ..bvn("00000000000").unwrap() }),
                ..request(&tag, 1, "u")
            },
            "invalid_input",
            "id_info.country",
        ),
        (
            "kyc bad type",
            SubmitJobRequest {
                id_info: Some(IdInfo { id_type: "SSNIT".into(), ..bvn("00000000000").unwrap() }),
                ..request(&tag, 1, "u")
            },
            "invalid_input",
            "id_info.id_type",
        ),
        (
            "kyc bad number",
            SubmitJobRequest { id_info: bvn("123"), ..request(&tag, 1, "u") },
            "invalid_input",
            "id_info.id_number",
        ),
        ("reserved extra", reserved, "invalid_input", "partner_params.user_id"),
        (
            "callback ftp",
            SubmitJobRequest { callback_url: Some("ftp://example.com/cb".into()), ..good.clone() },
            "invalid_input",
            "callback_url",
        ),
        (
            "negative timeout",
            SubmitJobRequest { job_status_polling_timeout_millis: -5, ..good.clone() },
            "invalid_input",
            "job_status_polling_timeout_millis",
        ),
        (
            "latitude",
            SubmitJobRequest {
                geo_info: Some(GeoInfo { latitude: -91.0, ..Default::default() }),
                ..good.clone()
            },
            "invalid_input",
            "geo_info.latitude",
        ),
    ];
    for (label, request, code, field) in table {
        let err = client.submit_job(&request, Arc::new(NoProgress)).await.unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{label}: {err}");
        assert!(
            err.to_string().contains(field.rsplit('.').next().unwrap()) || code != "invalid_input",
            "{label}: message names the field: {err}"
        );
    }
    assert_eq!(env.store.images(&tag).unwrap(), before, "the tag survived every failure");
    assert!(client.submit_job(&good, Arc::new(NoProgress)).await.unwrap().status.job_success);
}

#[tokio::test]
async fn server_refusals_are_api_errors() {
    let env = Env::start(Duration::from_millis(50)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("srv", "biden_1.jpg");

    // 2210: authenticating a user who never enrolled.
    let err =
        client.submit_job(&request(&tag, 2, "stranger"), Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(api_code(&err), "2210");

    // 2209: enrolling twice without allow_re_enroll; allowed with it.
    client.submit_job(&request(&tag, 4, "twice"), Arc::new(NoProgress)).await.unwrap();
    let err =
        client.submit_job(&request(&tag, 4, "twice"), Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(api_code(&err), "2209");
    let again = SubmitJobRequest {
        id_info: Some(IdInfo { allow_re_enroll: true, ..Default::default() }),
        ..request(&tag, 4, "twice")
    };
    assert!(client.submit_job(&again, Arc::new(NoProgress)).await.unwrap().status.job_success);

    // 2205: a wrong API key is refused by the server.
    let wrong =
        Client::new(env.config(Auth::ApiKey("wrong-key".into())), env.store.clone()).unwrap();
    let err =
        wrong.submit_job(&request(&tag, 4, "u-wrong"), Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(api_code(&err), "2205");
    // A wrong auth token too.
    let wrong =
        Client::new(env.config(Auth::AuthToken("wrong-token".into())), env.store.clone()).unwrap();
    assert!(matches!(
        wrong.submit_job(&request(&tag, 4, "u-wrong"), Arc::new(NoProgress)).await,
        Err(Error::Api { .. })
    ));
    assert!(env.store.exists(&tag).unwrap());
}

#[tokio::test]
async fn kyc_outcomes_follow_the_test_number() {
    let env = Env::start(Duration::from_millis(20)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("kyc", "grace_hopper.jpg");
    for (digit, success, code) in
        [("0", true, None), ("1", false, Some("1013")), ("3", false, Some("1015"))]
    {
        let r = SubmitJobRequest {
            id_info: bvn(&format!("0000000000{digit}")),
            ..request(&tag, 1, &format!("kyc-{digit}"))
        };
        let out = client.submit_job(&r, Arc::new(NoProgress)).await.unwrap();
        assert_eq!(out.status.job_success, success, "digit {digit}: {}", out.status.raw);
        if let Some(code) = code {
            assert_eq!(out.status.result.unwrap().result_code, code, "digit {digit}");
        }
    }
}

#[tokio::test]
async fn no_face_selfie_is_rejected_by_the_sandbox() {
    let env = Env::start(Duration::from_millis(20)).await;
    let tag = env.tag_from_photo("coffee", "no_face_coffee.jpg");
    let out = env
        .api_key_client()
        .submit_job(&request(&tag, 4, "u-coffee"), Arc::new(NoProgress))
        .await
        .unwrap();
    assert!(out.status.job_complete && !out.status.job_success);
    assert_eq!(out.status.result.unwrap().result_code, "0941");
}

#[tokio::test]
async fn transport_failures_are_typed() {
    let env = Env::start(Duration::from_millis(20)).await;
    let tag = env.tag_from_photo("net", "obama_1.jpg");

    // Production over plain http is refused before any byte is sent.
    let mut config = env.config(Auth::ApiKey(env.sandbox.api_key().into()));
    config.production_url = env.sandbox.base_url();
    let client = Client::new(config, env.store.clone()).unwrap();
    let prod = SubmitJobRequest { is_production: true, ..request(&tag, 4, "u-prod") };
    assert_eq!(
        client.submit_job(&prod, Arc::new(NoProgress)).await.unwrap_err().code(),
        "insecure_transport"
    );

    // Nothing listens: a network error after the configured retries.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let config = env
        .config(Auth::ApiKey("k".into()))
        .with_sandbox_url(format!("http://127.0.0.1:{port}/v1"));
    let client = Client::new(config, env.store.clone()).unwrap();
    assert_eq!(
        client
            .submit_job(&request(&tag, 4, "u-net"), Arc::new(NoProgress))
            .await
            .unwrap_err()
            .code(),
        "network"
    );

    // Bad configuration is refused up front.
    let bad = env.config(Auth::ApiKey(String::new()));
    assert_eq!(Client::new(bad, env.store.clone()).unwrap_err().field(), Some("auth"));
    let bad = env.config(Auth::ApiKey("k".into())).with_sandbox_url("localhost:8080");
    assert_eq!(Client::new(bad, env.store.clone()).unwrap_err().field(), Some("sandbox_url"));
    let mut bad = env.config(Auth::ApiKey("k".into()));
    bad.extra_root_certificates_pem.push("not a certificate".into());
    assert_eq!(
        Client::new(bad, env.store.clone()).unwrap_err().field(),
        Some("extra_root_certificates_pem")
    );
    assert!(env.store.exists(&tag).unwrap());
}

/// A man in the middle: forwards every request to the sandbox and, on job_status answers,
/// replaces the signature with one made with another key.
async fn tampering_proxy(upstream: String) -> String {
    use axum::body::Bytes;
    use axum::http::{HeaderMap, Method, Uri};
    let http = reqwest::Client::new();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (http, upstream) = (http.clone(), upstream.clone());
            async move {
                let url = format!(
                    "{upstream}{}",
                    uri.path_and_query().map(|p| p.as_str()).unwrap_or("/")
                );
                let mut request = http.request(method, url).body(body);
                if let Some(ct) = headers.get("content-type") {
                    request = request.header("content-type", ct);
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                let mut text = response.text().await.unwrap();
                if uri.path().ends_with("/job_status") {
                    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
                    let forged = smileid_core::protocol::signature::sign(
                        "not-the-partner-key",
                        "2343",
                        json["timestamp"].as_str().unwrap(),
                    );
                    json["signature"] = forged.into();
                    text = json.to_string();
                }
                (http::StatusCode::from_u16(status.as_u16()).unwrap(), text)
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn forged_job_status_signature_is_refused() {
    let env = Env::start(Duration::from_millis(20)).await;
    let tag = env.tag_from_photo("mitm", "obama_1.jpg");
    let base = env.sandbox.base_url();
    let origin = base.trim_end_matches("/v1").to_string();
    let proxy = tampering_proxy(origin).await;
    let config = env
        .config(Auth::ApiKey(env.sandbox.api_key().into()))
        .with_sandbox_url(format!("{proxy}/v1"));
    let client = Client::new(config, env.store.clone()).unwrap();
    let err =
        client.submit_job(&request(&tag, 4, "u-mitm"), Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(err.code(), "signature_mismatch", "{err}");
    assert!(env.store.exists(&tag).unwrap());
    // The same job through the honest server verifies and completes.
    let honest = env.api_key_client();
    let out = honest.submit_job(&request(&tag, 4, "u-mitm-2"), Arc::new(NoProgress)).await.unwrap();
    assert!(out.status.job_success);
}
