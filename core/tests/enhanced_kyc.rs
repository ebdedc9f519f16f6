//! Enhanced KYC (job 5) and the look-ups against the real sandbox over HTTP: each documented
//! test-number outcome, forcing, bad id_info named before anything is sent, the asynchronous
//! form's verified callback, retries answered with the same job, and look-ups fetched once per
//! client.

mod common;

use std::time::Duration;

use common::{callback_receiver, Env};
use serde_json::json;
use smileid_core::{
    verify_callback, ConsentInformation, EnhancedKycRequest, IdInfo, JobRef, JobType, PartnerParams,
};

fn id_info(country: &str, id_type: &str, id_number: &str) -> IdInfo {
    IdInfo {
        country: country.into(),
        id_type: id_type.into(),
        id_number: id_number.into(),
        ..Default::default()
    }
}

fn request(info: IdInfo, extras: &[(&str, &str)]) -> EnhancedKycRequest {
    let mut partner_params = PartnerParams::default();
    for (key, value) in extras {
        partner_params.extras.insert(key.to_string(), value.to_string());
    }
    EnhancedKycRequest { id_info: Some(info), partner_params, ..Default::default() }
}

#[tokio::test]
async fn test_numbers_give_their_documented_outcomes() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    let consent = ConsentInformation {
        consent_granted_date: "2026-01-01T00:00:00.000Z".into(),
        personal_details: true,
        contact_information: true,
        document_information: true,
    };
    let found = client
        .enhanced_kyc(&EnhancedKycRequest {
            consent_information: Some(consent),
            phone_number: Some("+2340000000000".into()),
            ..request(id_info("NG", "BVN", "00000000000"), &[("my_ref", "A-17")])
        })
        .await
        .unwrap();
    assert_eq!(
        (found.result_code.as_str(), found.result_text.as_str()),
        ("1012", "ID Number Validated")
    );
    assert_eq!(found.full_name.as_deref(), Some("Joe Leo Doe"));
    assert_eq!(found.dob.as_deref(), Some("1990-01-01"));
    assert_eq!(found.expiration_date.as_deref(), Some("2031-12-31"));
    assert_eq!((found.country.as_str(), found.id_type.as_str()), ("NG", "BVN"));
    assert_eq!(found.actions["Verify_ID_Number"], "Verified");
    assert_eq!(found.partner_params["job_type"], "5");
    assert_eq!(found.partner_params["my_ref"], "A-17");
    assert_eq!(found.smile_job_id.len(), 10);

    // The job is recorded: job_status answers it, signed, like any other job.
    let job = JobRef {
        job_id: found.partner_params["job_id"].clone(),
        user_id: found.partner_params["user_id"].clone(),
        job_type: JobType::EnhancedKyc,
        is_production: false,
    };
    let status = client.job_status(&job).await.unwrap();
    assert!(status.job_complete && status.job_success);
    assert_eq!(status.result.unwrap().result_code, "1012");

    // The last digit selects the outcome (§8); 4 takes the person from partner_params.
    for (number, code) in
        [("00000000001", "1013"), ("00000000002", "1014"), ("00000000003", "1015")]
    {
        let result = client.enhanced_kyc(&request(id_info("NG", "BVN", number), &[])).await;
        let result = result.unwrap();
        assert_eq!(result.result_code, code, "{number}");
        assert_eq!(result.full_name, None, "{number}: nobody found");
        assert_eq!(result.id_number, number);
    }
    let custom =
        request(id_info("ZA", "NATIONAL_ID", "0000000000004"), &[("FullName", "Nelson Mandela")]);
    let custom = client.enhanced_kyc(&custom).await.unwrap();
    assert_eq!(
        (custom.result_code.as_str(), custom.full_name.as_deref()),
        ("1012", Some("Nelson Mandela"))
    );

    // Types only Enhanced KYC offers (no photo at the authority).
    let bank =
        IdInfo { bank_code: Some("044".into()), ..id_info("NG", "BANK_ACCOUNT", "0000000000") };
    assert_eq!(client.enhanced_kyc(&request(bank, &[])).await.unwrap().result_code, "1012");
    let uganda = id_info("UG", "NATIONAL_ID_NO_PHOTO", "00000000000000");
    assert_eq!(client.enhanced_kyc(&request(uganda, &[])).await.unwrap().result_code, "1012");
}

#[tokio::test]
async fn results_forced_by_params_and_from_the_dashboard() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    let bvn = || id_info("NG", "BVN", "00000000000");
    for (forced, code) in [("0", "1012"), ("1", "1013"), ("2", "1015")] {
        let result = client.enhanced_kyc(&request(bvn(), &[("sandbox_result", forced)])).await;
        assert_eq!(result.unwrap().result_code, code, "sandbox_result {forced}");
    }
    let origin = env.sandbox.base_url().trim_end_matches("/v1").to_string();
    let forced = reqwest::Client::new()
        .post(format!("{origin}/dashboard/api/forced"))
        .json(&json!({"target": "user", "id": "user-forced", "result": "reject"}))
        .send()
        .await
        .unwrap();
    assert!(forced.status().is_success(), "{}", forced.text().await.unwrap());
    let mut for_user = request(bvn(), &[]);
    for_user.partner_params.user_id = "user-forced".into();
    assert_eq!(client.enhanced_kyc(&for_user).await.unwrap().result_code, "1013");
    for_user.partner_params.job_id.clear();
    assert_eq!(client.enhanced_kyc(&for_user).await.unwrap().result_code, "1012", "used once");
}

#[tokio::test]
async fn bad_id_info_is_named_before_anything_is_sent() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    let field = |r: &EnhancedKycRequest| {
        let client = client.clone();
        let r = r.clone();
        async move { client.enhanced_kyc(&r).await.unwrap_err().field().map(str::to_string) }
    };
    let none = EnhancedKycRequest::default();
    assert_eq!(field(&none).await.as_deref(), Some("id_info"));
    for (info, named) in [
        (id_info("", "BVN", "00000000000"), "id_info.country"),
        (id_info("NG", "", "00000000000"), "id_info.id_type"),
        (id_info("NG", "BVN", ""), "id_info.id_number"),
        (id_info("NG", "BVN", "123"), "id_info.id_number"),
        (id_info("NG", "SSNIT", "C000000000000"), "id_info.id_type"),
        (id_info("NG", "BANK_ACCOUNT", "0000000000"), "id_info.bank_code"),
        (id_info("KE", "KRA_PIN", "00000000"), "id_info.citizenship"),
    ] {
        assert_eq!(field(&request(info, &[])).await.as_deref(), Some(named));
    }
    let async_without_callback = request(id_info("NG", "BVN", "00000000000"), &[]);
    let err = client.enhanced_kyc_async(&async_without_callback).await.unwrap_err();
    assert_eq!(err.field(), Some("callback_url"));
    assert_eq!(env.sandbox.stats().jobs_created, 0, "nothing reached the sandbox");
}

#[tokio::test]
async fn async_form_answers_at_the_callback() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    let (callback_url, mut callbacks) = callback_receiver().await;
    let accepted = client
        .enhanced_kyc_async(&EnhancedKycRequest {
            callback_url: Some(callback_url),
            ..request(id_info("KE", "NATIONAL_ID", "00000000"), &[])
        })
        .await
        .unwrap();
    let body = tokio::time::timeout(Duration::from_secs(20), callbacks.recv())
        .await
        .expect("the callback arrives")
        .unwrap();
    let result = verify_callback(env.sandbox.api_key(), env.sandbox.partner_id(), &body).unwrap();
    assert_eq!(result.result_code, "1012");
    assert_eq!(result.partner_params["job_id"], accepted.job_id);
    assert_eq!(result.partner_params["job_type"], "5");
    assert_eq!(result.full_name.as_deref(), Some("Joe Leo Doe"));
}

#[tokio::test]
async fn a_retried_request_gets_the_same_job() {
    // Every other id_verification is handled, then its connection reset: the client retries
    // and the sandbox answers the repeat with the job it already judged.
    let env = Env::start_with_faults(Duration::ZERO, "id_verification:reset:0.5").await;
    let client = env.api_key_client();
    for n in 0..4 {
        let mut r = request(id_info("NG", "NIN", "00000000000"), &[]);
        r.partner_params.job_id = format!("retried-{n}");
        let result = client.enhanced_kyc(&r).await.unwrap();
        assert_eq!(result.partner_params["job_id"], format!("retried-{n}"));
    }
    let stats = env.sandbox.stats();
    assert_eq!(stats.jobs_created, 4, "one job per job id");
    assert!(stats.faults_injected > 0, "the seed must reset some requests: {stats:?}");
    assert_eq!(stats.duplicates_refused, stats.faults_injected, "each reset was retried once");
}

#[tokio::test]
async fn look_ups_are_fetched_once_per_client() {
    let env = Env::start(Duration::ZERO).await;
    let client = env.api_key_client();
    for _ in 0..2 {
        let services = client.services(false).await.unwrap();
        let enhanced = &services.hosted_web.enhanced_kyc;
        assert!(enhanced["UG"].id_types.contains_key("NATIONAL_ID_NO_PHOTO"));
        assert!(!services.hosted_web.biometric_kyc.contains_key("UG"), "no photo, no selfie match");
        let bvn = &enhanced["NG"].id_types["BVN"];
        assert_eq!(bvn.test_data.as_deref(), Some("00000000000"));
        assert!(bvn.required_fields.iter().any(|f| f == "id_number"));
        let config = client.products_config(false).await.unwrap();
        assert!(config.id_selection.enhanced_kyc["NG"].iter().any(|t| t == "BANK_ACCOUNT"));
        let documents = client.valid_documents(false).await.unwrap();
        assert!(documents.valid_documents.iter().any(|d| d.country.code == "KE"));
    }
    assert_eq!(env.sandbox.stats().lookups_served, 3, "one request per look-up");
    client.refresh_lookups().await;
    client.services(false).await.unwrap();
    assert_eq!(env.sandbox.stats().lookups_served, 4, "refreshed: asked again");
    env.api_key_client().services(false).await.unwrap();
    assert_eq!(env.sandbox.stats().lookups_served, 5, "another client asks for itself");
}
