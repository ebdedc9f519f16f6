//! Hostile and broken request bodies: each gets a 4xx envelope with the documented code and an
//! error naming the field, and the server keeps serving.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

struct Case {
    name: &'static str,
    endpoint: &'static str,
    body: Vec<u8>,
    headers: &'static [(&'static str, &'static str)],
    status: StatusCode,
    code: &'static str,
    /// Text the `error` message must contain (usually the field name).
    mentions: &'static str,
}

fn case(
    name: &'static str,
    endpoint: &'static str,
    body: impl Into<Vec<u8>>,
    status: StatusCode,
    code: &'static str,
    mentions: &'static str,
) -> Case {
    Case { name, endpoint, body: body.into(), headers: &[], status, code, mentions }
}

fn json_case(
    name: &'static str,
    endpoint: &'static str,
    body: &Value,
    status: StatusCode,
    code: &'static str,
    mentions: &'static str,
) -> Case {
    case(name, endpoint, serde_json::to_vec(body).unwrap(), status, code, mentions)
}

/// `body` without `key`.
fn without(mut body: Value, key: &str) -> Value {
    body.as_object_mut().unwrap().remove(key);
    body
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

#[tokio::test]
async fn bad_bodies_get_enveloped_4xx_and_the_server_stays_up() {
    let h = Harness::start().await;
    let (bad, unauthorized) = (StatusCode::BAD_REQUEST, StatusCode::UNAUTHORIZED);
    let prep = h.prep_body(4, &unique("job"), &unique("user"), json!({}));
    let status = with(h.credentials(), "job_id", json!("j"));
    let status = with(status, "user_id", json!("u"));
    let auth =
        json!({"partner_id": h.partner(), "auth_token": h.sandbox.auth_token(), "signature": true});
    let signed = h.credentials();
    let big = format!(
        "{{\"partner_id\":\"{}\",\"pad\":\"{}\"}}",
        h.partner(),
        "x".repeat(2 * 1024 * 1024)
    );

    let mut cases = Vec::new();
    for endpoint in ["auth_smile", "upload", "job_status", "products_config", "valid_documents"] {
        cases.push(case("not JSON", endpoint, "hello", bad, "2203", "JSON"));
        cases.push(case("JSON array", endpoint, "[1, 2, 3]", bad, "2203", "JSON object"));
        cases.push(case("truncated JSON", endpoint, "{\"partner_id\": \"23", bad, "2203", "JSON"));
        cases.push(case("empty body", endpoint, "", bad, "2203", "JSON object"));
        cases.push(case(
            "oversized",
            endpoint,
            big.clone(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "2203",
            "too large",
        ));
        cases.push(Case {
            headers: &[("content-encoding", "gzip")],
            ..case("bad gzip", endpoint, "{\"not\": \"gzip\"}", bad, "2203", "gzip")
        });
    }
    cases.extend([
        json_case(
            "missing partner_id",
            "auth_smile",
            &without(auth.clone(), "partner_id"),
            bad,
            "2213",
            "partner_id",
        ),
        json_case(
            "missing auth_token",
            "auth_smile",
            &without(auth.clone(), "auth_token"),
            bad,
            "2213",
            "auth_token",
        ),
        json_case(
            "wrong auth_token",
            "auth_smile",
            &with(auth.clone(), "auth_token", json!("nope")),
            unauthorized,
            "2205",
            "auth_token",
        ),
        json_case(
            "unknown partner",
            "auth_smile",
            &with(auth.clone(), "partner_id", json!("999999")),
            unauthorized,
            "2205",
            "partner_id",
        ),
        json_case(
            "partner_id object",
            "auth_smile",
            &with(auth.clone(), "partner_id", json!({"a": 1})),
            bad,
            "2204",
            "partner_id",
        ),
        json_case(
            "job_type abc",
            "auth_smile",
            &with(auth, "job_type", json!("abc")),
            bad,
            "2204",
            "job_type",
        ),
        json_case(
            "job_type abc",
            "upload",
            &with(
                prep.clone(),
                "partner_params",
                json!({"job_id": "j", "user_id": "u", "job_type": "abc"}),
            ),
            bad,
            "2204",
            "partner_params.job_type",
        ),
        json_case(
            "job_type missing",
            "upload",
            &with(prep.clone(), "partner_params", json!({"job_id": "j", "user_id": "u"})),
            bad,
            "2213",
            "partner_params.job_type",
        ),
        json_case(
            "job_id missing",
            "upload",
            &with(prep.clone(), "partner_params", json!({"user_id": "u", "job_type": 4})),
            bad,
            "2213",
            "partner_params.job_id",
        ),
        json_case(
            "partner_params missing",
            "upload",
            &without(prep.clone(), "partner_params"),
            bad,
            "2213",
            "partner_params",
        ),
        json_case(
            "partner_params string",
            "upload",
            &with(prep.clone(), "partner_params", json!("x")),
            bad,
            "2204",
            "partner_params",
        ),
        json_case(
            "nested extra",
            "upload",
            &with(
                prep.clone(),
                "partner_params",
                json!({"job_id": "j", "user_id": "u", "job_type": 4, "x": [1]}),
            ),
            bad,
            "2204",
            "partner_params.x",
        ),
        json_case(
            "partner_id contradicting smile_client_id",
            "upload",
            &with(prep.clone(), "partner_id", json!("999999")),
            bad,
            "2204",
            "partner_id: \"999999\" contradicts smile_client_id",
        ),
        json_case(
            "partner_id as a number",
            "upload",
            &with(
                without(prep.clone(), "smile_client_id"),
                "partner_id",
                json!(h.partner().parse::<u64>().unwrap()),
            ),
            bad,
            "2204",
            "partner_id: expected a string, got a number",
        ),
        json_case(
            "smile_client_id as a number",
            "upload",
            &with(prep.clone(), "smile_client_id", json!(h.partner().parse::<u64>().unwrap())),
            bad,
            "2204",
            "smile_client_id: expected a string",
        ),
        json_case(
            "retry maybe",
            "upload",
            &with(prep.clone(), "retry", json!("maybe")),
            bad,
            "2204",
            "retry",
        ),
        json_case(
            "callback_url not a URL",
            "upload",
            &with(prep.clone(), "callback_url", json!("not a url")),
            bad,
            "2204",
            "callback_url",
        ),
        json_case(
            "missing smile_client_id",
            "upload",
            &without(prep.clone(), "smile_client_id"),
            bad,
            "2213",
            "smile_client_id",
        ),
        json_case(
            "missing signature",
            "upload",
            &without(prep.clone(), "signature"),
            bad,
            "2213",
            "signature",
        ),
        json_case(
            "missing timestamp",
            "upload",
            &without(prep.clone(), "timestamp"),
            bad,
            "2213",
            "timestamp",
        ),
        json_case(
            "bad signature",
            "upload",
            &with(prep.clone(), "signature", json!("AAAA")),
            unauthorized,
            "2205",
            "signature",
        ),
        json_case(
            "unknown partner",
            "upload",
            &with(prep.clone(), "smile_client_id", json!("999999")),
            unauthorized,
            "2205",
            "smile_client_id",
        ),
        json_case(
            "missing partner_id",
            "job_status",
            &without(status.clone(), "partner_id"),
            bad,
            "2213",
            "partner_id",
        ),
        json_case(
            "missing signature",
            "job_status",
            &without(status.clone(), "signature"),
            bad,
            "2213",
            "signature",
        ),
        json_case(
            "missing timestamp",
            "job_status",
            &without(status.clone(), "timestamp"),
            bad,
            "2213",
            "timestamp",
        ),
        json_case(
            "signature for another timestamp",
            "job_status",
            &with(status.clone(), "timestamp", json!("2020-01-01T00:00:00.000Z")),
            unauthorized,
            "2205",
            "signature",
        ),
        json_case(
            "missing job_id",
            "job_status",
            &without(status.clone(), "job_id"),
            bad,
            "2213",
            "job_id",
        ),
        json_case(
            "image_links maybe",
            "job_status",
            &with(status.clone(), "image_links", json!("maybe")),
            bad,
            "2204",
            "image_links",
        ),
        json_case(
            "history number",
            "job_status",
            &with(status, "history", json!(3)),
            bad,
            "2204",
            "history",
        ),
        json_case(
            "missing signature",
            "products_config",
            &without(signed.clone(), "signature"),
            bad,
            "2213",
            "signature",
        ),
        json_case(
            "bad signature",
            "valid_documents",
            &with(signed, "signature", json!("bad")),
            unauthorized,
            "2205",
            "signature",
        ),
    ]);

    for c in &cases {
        let (status, body) = h.raw(c.endpoint, c.body.clone(), c.headers).await;
        let label = format!("{} → {}: {body}", c.name, c.endpoint);
        assert_eq!(status, c.status, "{label}");
        assert_eq!(body["code"].as_str(), Some(c.code), "{label}");
        assert!(
            body["error"].as_str().is_some_and(|e| e.contains(c.mentions)),
            "{label} should mention {}",
            c.mentions
        );
    }

    // Unknown routes and methods get the envelope too.
    let (status, body) = h.raw("nope", "{}", &[]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("2201")));
    let response = h.http.get(h.url("upload")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.json::<Value>().await.unwrap()["error"]
        .as_str()
        .unwrap()
        .contains("/v1/upload"));

    // Still serving, and nothing was created.
    let services = h.http.get(h.url("services")).send().await.unwrap();
    assert_eq!(services.status(), StatusCode::OK);
    h.prep_upload(&prep).await;
    assert_eq!(h.sandbox.stats().jobs_created, 1);
}

#[tokio::test]
async fn enhanced_kyc_refusals_name_the_field_and_a_repeat_gets_the_same_job() {
    let h = Harness::start().await;
    let refused = |status, code: &'static str, mentions: &'static str| (status, code, mentions);
    let cases = [
        (
            json!({"id_number": null}),
            "id_verification",
            refused(StatusCode::BAD_REQUEST, "2213", "id_number"),
        ),
        (
            json!({"country": ""}),
            "id_verification",
            refused(StatusCode::BAD_REQUEST, "2213", "country"),
        ),
        (
            json!({"id_type": "BANK_ACCOUNT", "id_number": "0000000000"}),
            "id_verification",
            refused(StatusCode::BAD_REQUEST, "2213", "bank_code"),
        ),
        (
            json!({"partner_params": {"job_id": "j", "user_id": "u", "job_type": 1}}),
            "id_verification",
            refused(StatusCode::BAD_REQUEST, "2212", "partner_params.job_type"),
        ),
        (
            json!({}),
            "async_id_verification",
            refused(StatusCode::BAD_REQUEST, "2213", "callback_url"),
        ),
        (
            json!({"signature": "AAAA"}),
            "id_verification",
            refused(StatusCode::UNAUTHORIZED, "2205", "signature"),
        ),
    ];
    for (extra, endpoint, (status, code, mentions)) in cases {
        let (got, body) = h.post(endpoint, &h.kyc_body(extra.clone())).await;
        assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{extra}: {body}");
        assert!(body["error"].as_str().unwrap().contains(mentions), "{extra}: {body}");
    }
    assert_eq!(h.sandbox.stats().jobs_created, 0, "no refused request creates a job");

    let (status, body) = h.post("upload", &h.prep_body(5, "prep-5", "u", json!({}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2212")));
    assert!(body["error"].as_str().unwrap().contains("/v1/id_verification"), "{body}");

    // A client's retry of the same job id gets the job already judged.
    let first = h.kyc_body(json!({}));
    let (status, answer) = h.post("id_verification", &first).await;
    assert_eq!((status, answer["ResultCode"].as_str()), (StatusCode::OK, Some("1012")), "{answer}");
    let (_, again) = h.post("id_verification", &first).await;
    assert_eq!(again["SmileJobID"], answer["SmileJobID"]);
    let stats = h.sandbox.stats();
    assert_eq!((stats.jobs_created, stats.duplicates_refused), (1, 1));
    // The job id of another job type is refused.
    h.prep_upload(&h.prep_body(4, "jt4-id", "u4", json!({}))).await;
    let mut taken = h.kyc_body(json!({}));
    taken["partner_params"]["job_id"] = "jt4-id".into();
    let (status, body) = h.post("id_verification", &taken).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2215")), "{body}");
}
