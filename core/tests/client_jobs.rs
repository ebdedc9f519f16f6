//! Jobs 4, 2 and 1 end to end against the real sandbox over HTTP on 127.0.0.1, in each auth mode,
//! with progress events, polling timeouts and verified callbacks.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{bvn, callback_receiver, request, Env, Recorder};
use smileid_core::protocol::signature::{self, Signed};
use smileid_core::{
    Auth, Client, Config, IncompleteReason, JobProgress, NoProgress, SignatureSource,
    SubmitJobRequest,
};

/// Jobs 4, 2 and 1 on one tag, with tags released as in production: jobs 2 and 1 are queued
/// first, so the tag is needed until the last of them succeeds, and deleted right then.
async fn enrol_authenticate_kyc(env: &Env, client: &Client, user: &str) {
    let tag = env.tag_from_photo(&format!("t-{user}"), "obama_1.jpg");
    let with_id = |mut r: SubmitJobRequest, job_id: &str| {
        r.partner_params.job_id = format!("{job_id}-{user}");
        r
    };
    let enrol = with_id(request(&tag, 4, user), "enrol");
    let auth = with_id(request(&tag, 2, user), "auth");
    let kyc = with_id(
        SubmitJobRequest {
            id_info: bvn("00000000000"),
            ..request(&tag, 1, &format!("{user}-kyc"))
        },
        "kyc",
    );
    client.enqueue_job(&auth).unwrap();
    client.enqueue_job(&kyc).unwrap();

    let enrolled = client.submit_job(&enrol, Arc::new(NoProgress)).await.unwrap();
    assert!(
        enrolled.status.job_complete && enrolled.status.job_success,
        "{:?}",
        enrolled.status.raw
    );
    let result = enrolled.status.result.as_ref().unwrap();
    assert_eq!(result.result_code, "0840");
    assert_eq!(result.partner_params["user_id"], user);
    assert_eq!(result.partner_params["job_type"], "4");
    assert_eq!(result.smile_job_id, enrolled.smile_job_id);
    assert!(env.store.exists(&tag).unwrap(), "jobs 2 and 1 still need the tag");

    let authed = client.submit_job(&auth, Arc::new(NoProgress)).await.unwrap();
    assert!(authed.status.job_success, "{}", authed.status.raw);
    assert_eq!(authed.status.result.as_ref().unwrap().result_code, "0820");
    assert!(env.store.exists(&tag).unwrap(), "job 1 still needs the tag");

    let verified = client.submit_job(&kyc, Arc::new(NoProgress)).await.unwrap();
    assert!(verified.status.job_success, "{}", verified.status.raw);
    let result = verified.status.result.unwrap();
    assert_eq!(result.actions["Verify_ID_Number"], "Verified");
    assert_eq!(result.id_type.as_deref(), Some("BVN"));
    assert!(verified.status.json["result"].is_object());
    assert!(!env.store.exists(&tag).unwrap(), "released once its last job succeeded");

    // A new job on the released tag says what happened to it.
    let again = client.submit_job(&request(&tag, 2, user), Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(again.code(), "tag_not_found");
    assert!(again.to_string().contains(&format!("after job kyc-{user} succeeded")), "{again}");
}

/// The shared test configuration with tags released after success, as in production.
fn releasing(mut config: Config) -> Config {
    config.keep_tags_after_success = false;
    config
}

#[tokio::test]
async fn jobs_4_2_1_with_api_key() {
    let env = Env::start(Duration::from_millis(100)).await;
    let config = releasing(env.config(Auth::ApiKey(env.sandbox.api_key().to_string())));
    let client = Client::new(config, env.store.clone()).unwrap();
    enrol_authenticate_kyc(&env, &client, "user-apikey").await;
}

#[tokio::test]
async fn jobs_4_2_1_with_auth_token() {
    let env = Env::start(Duration::from_millis(100)).await;
    let client = Client::new(
        releasing(env.config(Auth::AuthToken(env.sandbox.auth_token().to_string()))),
        env.store.clone(),
    )
    .unwrap();
    enrol_authenticate_kyc(&env, &client, "user-token").await;
}

/// Stands in for the partner's backend: signs with the key the device never sees.
struct Backend {
    api_key: String,
    calls: std::sync::atomic::AtomicU32,
}

impl SignatureSource for Backend {
    fn signature(&self, partner_id: &str) -> smileid_core::Result<Signed> {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(signature::sign_now(&self.api_key, partner_id))
    }
}

#[tokio::test]
async fn jobs_4_2_1_with_backend_signatures() {
    let env = Env::start(Duration::from_millis(100)).await;
    let backend =
        Arc::new(Backend { api_key: env.sandbox.api_key().to_string(), calls: Default::default() });
    let config = releasing(env.config(Auth::SignatureSource(backend.clone())));
    let client = Client::new(config, env.store.clone()).unwrap();
    enrol_authenticate_kyc(&env, &client, "user-backend").await;
    assert_eq!(backend.calls.load(std::sync::atomic::Ordering::SeqCst), 3, "one signature per job");
}

#[tokio::test]
async fn progress_events_arrive_in_order() {
    let env = Env::start(Duration::from_millis(200)).await;
    let tag = env.tag_from_photo("progress", "grace_hopper.jpg");
    let recorder = Recorder::new();
    env.api_key_client()
        .submit_job(&request(&tag, 4, "user-progress"), recorder.clone())
        .await
        .unwrap();
    let events = recorder.events();
    assert_eq!(events[..2], [JobProgress::Authenticating, JobProgress::Preparing]);
    let uploads: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match e {
            JobProgress::Uploading { sent, total } => Some((*sent, *total)),
            _ => None,
        })
        .collect();
    assert!(uploads.len() > 1, "several upload chunks: {uploads:?}");
    assert!(uploads.windows(2).all(|w| w[0].0 < w[1].0), "sent grows");
    assert_eq!(uploads.last().unwrap().0, uploads[0].1, "ends at total");
    let polls: Vec<(u32, bool)> = events
        .iter()
        .filter_map(|e| match e {
            JobProgress::Polling { attempt, job_complete } => Some((*attempt, *job_complete)),
            _ => None,
        })
        .collect();
    assert!(
        polls.len() >= 2,
        "the processing delay makes the client poll more than once: {polls:?}"
    );
    assert_eq!(
        polls.iter().map(|p| p.0).collect::<Vec<_>>(),
        (1..=polls.len() as u32).collect::<Vec<_>>()
    );
    assert!(polls.last().unwrap().1 && polls[..polls.len() - 1].iter().all(|p| !p.1));
    assert_eq!(events.last(), Some(&JobProgress::Done { job_complete: true, job_success: true }));
    let first_poll = events.iter().position(|e| matches!(e, JobProgress::Polling { .. })).unwrap();
    let last_upload =
        events.iter().rposition(|e| matches!(e, JobProgress::Uploading { .. })).unwrap();
    assert!(last_upload < first_poll);
}

#[tokio::test]
async fn timeouts_zero_short_long_and_verified_callback() {
    let env = Env::start(Duration::from_millis(1_500)).await;
    let client = env.api_key_client();
    let (callback_url, mut callbacks) = callback_receiver().await;
    let tag = env.tag_from_photo("timeouts", "obama_2.jpg");

    // 0: one job_status right after upload, while the job is still processing.
    let zero =
        SubmitJobRequest { job_status_polling_timeout_millis: 0, ..request(&tag, 4, "user-t0") };
    let first = client.submit_job(&zero, Arc::new(NoProgress)).await.unwrap();
    assert!(!first.status.job_complete);
    assert_eq!(first.incomplete_reason, Some(IncompleteReason::TimedOut));
    assert_eq!(first.status.code, "2302", "an answer from the server: still processing");

    // Short: polls a little, gives back the last (incomplete) status; the result goes to the
    // callback.
    let short = SubmitJobRequest {
        callback_url: Some(callback_url.clone()),
        job_status_polling_timeout_millis: 300,
        ..request(&tag, 4, "user-short")
    };
    let recorder = Recorder::new();
    let partial = client.submit_job(&short, recorder.clone()).await.unwrap();
    assert!(!partial.status.job_complete);
    assert_eq!(partial.incomplete_reason, Some(IncompleteReason::TimedOut));
    assert!(
        recorder.events().iter().filter(|e| matches!(e, JobProgress::Polling { .. })).count() >= 2
    );
    let body =
        tokio::time::timeout(Duration::from_secs(20), callbacks.recv()).await.unwrap().unwrap();
    let result =
        smileid_core::verify_callback(env.sandbox.api_key(), env.sandbox.partner_id(), &body)
            .unwrap();
    assert_eq!(result.partner_params["job_id"], partial.job_id);
    assert_eq!(result.result_code, "0840");
    // A forged callback is refused.
    let mut forged: serde_json::Value = serde_json::from_slice(&body).unwrap();
    forged["ResultCode"] = "0841".into();
    forged["timestamp"] = "2020-01-01T00:00:00.000Z".into();
    assert_eq!(
        smileid_core::verify_callback(
            env.sandbox.api_key(),
            env.sandbox.partner_id(),
            forged.to_string().as_bytes()
        )
        .unwrap_err()
        .code(),
        "signature_mismatch"
    );

    // Long: waits for completion.
    let long =
        client.submit_job(&request(&tag, 4, "user-long"), Arc::new(NoProgress)).await.unwrap();
    assert!(long.status.job_complete && long.incomplete_reason.is_none());

    // The job left at timeout 0 completes later and can be asked for again.
    let job = smileid_core::JobRef {
        job_id: first.job_id,
        user_id: first.user_id,
        job_type: first.job_type,
        is_production: false,
    };
    let later = client.job_status(&job).await.unwrap();
    assert!(later.job_complete, "{}", later.raw);
}
