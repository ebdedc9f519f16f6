//! Enhanced SmartSelfie (v2) against the real sandbox over HTTP: enrolment then
//! authentication, a stranger, a pending answer finished by resume, a fault mid-call finished by
//! resume, and bad inputs named.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{request, Env};
use smileid_core::{
    Auth, Client, IncompleteReason, JobState, NoProgress, SmartSelfieStatus, SubmitJobRequest,
};

fn token_client(env: &Env) -> Client {
    let config = env.config(Auth::AuthToken(env.sandbox.auth_token().into()));
    Client::new(config, env.store.clone()).unwrap()
}

/// Puts `spec` (the `--faults` syntax, "" for none) in force through the dashboard's API.
async fn set_faults(env: &Env, spec: &str) {
    let url = format!("{}/api/faults", env.sandbox.dashboard_url());
    let response = reqwest::Client::new()
        .post(url)
        .json(&serde_json::json!({ "spec": spec }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
}

#[tokio::test]
async fn enrol_then_authenticate_is_approved_and_a_stranger_is_rejected() {
    let env = Env::start(Duration::from_millis(50)).await;
    let tag = env.tag_from_photo("v2", "obama_1.jpg");
    let mut enrol = request(&tag, 4, "u-v2");
    enrol.partner_params.extras.insert("my_ref".into(), "A-17".into());
    let enrolled =
        env.api_key_client().submit_smart_selfie(&enrol, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(enrolled.status, SmartSelfieStatus::Approved, "{}", enrolled.answer_raw);
    assert_eq!((enrolled.code.as_str(), enrolled.user_id.as_str()), ("0840", "u-v2"));
    assert_eq!(enrolled.partner_params["my_ref"], "A-17");
    assert_eq!(enrolled.incomplete_reason, None);
    assert!(env.sandbox.is_enrolled(env.sandbox.partner_id(), "u-v2"));
    assert_ne!(enrolled.job_id, enrolled.journal_job_id, "the server makes its own job_id");
    let entry = env.api_key_client().journal().get(&enrolled.journal_job_id).unwrap().unwrap();
    assert!(entry.enhanced && entry.state == JobState::Complete);
    assert_eq!(entry.server_job_id.as_deref(), Some(enrolled.job_id.as_str()));

    // Token mode: auth_smile first, then the signed form.
    let client = token_client(&env);
    let authenticated =
        client.submit_smart_selfie(&request(&tag, 2, "u-v2"), Arc::new(NoProgress)).await.unwrap();
    assert_eq!(authenticated.status, SmartSelfieStatus::Approved, "{}", authenticated.answer_raw);
    assert_eq!(authenticated.code, "0820");
    // The server's job is readable on job_status like a zip job.
    let result = env.sandbox.job_result(env.sandbox.partner_id(), &authenticated.job_id).unwrap();
    assert_eq!(result["ResultCode"], "0820");

    let stranger = client
        .submit_smart_selfie(&request(&tag, 2, "u-never-enrolled"), Arc::new(NoProgress))
        .await
        .unwrap();
    assert_eq!(stranger.status, SmartSelfieStatus::Rejected, "{}", stranger.answer_raw);
    assert_eq!(stranger.code, "0821");
    assert!(stranger.message.contains("no enrolled selfie"), "{}", stranger.message);
    let entry = client.journal().get(&stranger.journal_job_id).unwrap().unwrap();
    assert_eq!(entry.state, JobState::Complete, "a rejection is final");
}

#[tokio::test]
async fn pending_answer_stays_in_the_journal_and_resume_completes_it() {
    let env = Env::start(Duration::from_millis(50)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("v2-pending", "grace_hopper.jpg");
    let mut enrol = request(&tag, 4, "u-pending");
    enrol.partner_params.extras.insert("sandbox_result".into(), "2".into());
    enrol.job_status_polling_timeout_millis = 0;
    let answer = client.submit_smart_selfie(&enrol, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(answer.status, SmartSelfieStatus::Pending, "{}", answer.answer_raw);
    assert_eq!(answer.incomplete_reason, Some(IncompleteReason::TimedOut));
    assert!(answer.partner_params.is_empty(), "sandbox_result travels as its own part");
    let pending = client.pending_jobs().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, JobState::Uploaded, "the server has the job");

    // The journalled timeout is 0: each resume asks job_status once, until the server has judged.
    let mut resumed = Vec::new();
    for _ in 0..500 {
        resumed = client.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
        assert_eq!(resumed.len(), 1);
        let answer = resumed[0].smart_selfie.as_ref().unwrap();
        if answer.status != SmartSelfieStatus::Pending {
            break;
        }
        assert_eq!(answer.incomplete_reason, Some(IncompleteReason::TimedOut));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let finished = resumed[0].smart_selfie.as_ref().unwrap();
    assert_eq!(finished.status, SmartSelfieStatus::Approved);
    assert_eq!(finished.job_id, answer.job_id);
    assert!(finished.job_status.as_ref().unwrap().job_complete);
    let as_job = resumed[0].result.as_ref().unwrap();
    assert!(as_job.status.job_success && !as_job.smile_job_id.is_empty());
    assert!(client.pending_jobs().unwrap().is_empty());
    assert!(env.sandbox.is_enrolled(env.sandbox.partner_id(), "u-pending"));
}

#[tokio::test]
async fn a_fault_mid_call_leaves_the_job_pending_and_resume_finishes_it() {
    let env = Env::start(Duration::from_millis(50)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("v2-fault", "obama_3.jpg");
    client.submit_smart_selfie(&request(&tag, 4, "u-fault"), Arc::new(NoProgress)).await.unwrap();

    // Every v2 request is handled, then its connection reset before the answer.
    set_faults(&env, "smart_selfie:reset:1").await;
    let err = client
        .submit_smart_selfie(&request(&tag, 2, "u-fault"), Arc::new(NoProgress))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network", "{err}");
    let pending = client.pending_jobs().unwrap();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].enhanced && pending[0].state == JobState::Captured);

    set_faults(&env, "").await;
    let resumed = client.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
    let finished = resumed[0].smart_selfie.as_ref().unwrap();
    assert_eq!(finished.status, SmartSelfieStatus::Approved, "{}", finished.answer_raw);
    assert_eq!(resumed[0].result.as_ref().unwrap().job_id, pending[0].job_id);
    assert!(client.pending_jobs().unwrap().is_empty());
}

#[tokio::test]
async fn bad_inputs_are_named() {
    let env = Env::start(Duration::from_millis(50)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("v2-bad", "obama_1.jpg");
    let submit = |request: SubmitJobRequest| {
        let client = client.clone();
        async move { client.submit_smart_selfie(&request, Arc::new(NoProgress)).await }
    };
    let cases = [
        (request(&tag, 1, "u"), "job_type"),
        (request(&tag, 6, "u"), "job_type"),
        (request(&tag, 2, ""), "partner_params.user_id"),
        (request("no-such-tag", 4, "u"), "tag"),
        (request("../x", 4, "u"), "tag"),
    ];
    for (request, field) in cases {
        assert_eq!(submit(request).await.unwrap_err().field(), Some(field));
    }
    let mut forced = request(&tag, 4, "u-bad");
    forced.partner_params.extras.insert("sandbox_result".into(), "9".into());
    let err = submit(forced).await.unwrap_err();
    assert!(err.to_string().contains("sandbox_result"), "{err}");

    // Enrolling an enrolled user again needs allow_new_enroll: refused with 2209, job failed.
    submit(request(&tag, 4, "u-twice")).await.unwrap();
    let again = request(&tag, 4, "u-twice");
    let err = submit(again.clone()).await.unwrap_err();
    assert!(matches!(&err, smileid_core::Error::Api { code, .. } if code == "2209"), "{err}");
    let failed: Vec<_> =
        client.journal().all().unwrap().into_iter().filter_map(|e| e.error_code).collect();
    assert_eq!(failed, ["2204", "2209"], "refused jobs fail with the server's code");
    let mut allowed = again;
    allowed.id_info = Some(smileid_core::IdInfo { allow_re_enroll: true, ..Default::default() });
    assert_eq!(submit(allowed).await.unwrap().status, SmartSelfieStatus::Approved);
}
