//! The journal against the real sandbox: offline queue, resume after a failure or a cancel,
//! exactly-once completion, tag clean-up.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::Env;
use smileid_core::{
    Auth, Client, JobProgress, JobState, NoProgress, PartnerParams, ProgressListener,
    SubmitJobRequest,
};

fn request(tag: &str, job_type: i64, user_id: &str, job_id: &str) -> SubmitJobRequest {
    SubmitJobRequest {
        tag: tag.into(),
        job_type,
        partner_params: PartnerParams {
            user_id: user_id.into(),
            job_id: job_id.into(),
            ..Default::default()
        },
        job_status_polling_timeout_millis: 20_000,
        ..Default::default()
    }
}

/// Wakes its waiter at the first job_status answer of a job still processing.
#[derive(Default)]
struct FirstPoll(tokio::sync::Notify);

impl ProgressListener for FirstPoll {
    fn on_progress(&self, _job_id: &str, event: JobProgress) {
        if let JobProgress::Polling { job_complete: false, .. } = event {
            self.0.notify_one();
        }
    }
}

async fn closed_port_url() -> String {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    format!("http://127.0.0.1:{}/v1", l.local_addr().unwrap().port())
}

#[tokio::test]
async fn offline_jobs_wait_in_the_journal_and_finish_once() {
    let env = Env::start(Duration::from_millis(50)).await;
    let tag = env.tag_from_photo("offline", "obama_1.jpg");
    let offline = Client::new(
        env.config(Auth::ApiKey(env.sandbox.api_key().into()))
            .with_sandbox_url(closed_port_url().await),
        env.store.clone(),
    )
    .unwrap();

    // Queued explicitly, and one whose submit failed for lack of network.
    let queued = offline.enqueue_job(&request(&tag, 4, "u-off-1", "job-off-1")).unwrap();
    assert_eq!(queued, "job-off-1");
    let err = offline
        .submit_job(&request(&tag, 4, "u-off-2", "job-off-2"), Arc::new(NoProgress))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network");
    let pending: Vec<String> =
        offline.pending_jobs().unwrap().into_iter().map(|e| e.job_id).collect();
    assert_eq!(pending, ["job-off-1", "job-off-2"]);

    // Back online: a client over the same store resumes both.
    let online = env.api_key_client();
    let resumed = online.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
    assert_eq!(resumed.len(), 2);
    for r in &resumed {
        let result = r.result.as_ref().unwrap();
        assert!(result.status.job_success, "{}", result.status.raw);
    }
    assert!(online.pending_jobs().unwrap().is_empty());
    assert!(
        online.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap().is_empty(),
        "nothing runs twice"
    );
    for job_id in ["job-off-1", "job-off-2"] {
        assert_eq!(
            env.sandbox.job_count(env.sandbox.partner_id(), job_id),
            1,
            "{job_id} exists once on the server"
        );
        assert_eq!(online.journal().get(job_id).unwrap().unwrap().state, JobState::Complete);
    }
}

#[tokio::test]
async fn cancelled_job_resumes_and_completes_once() {
    let env = Env::start(Duration::from_millis(1_500)).await;
    let client = env.api_key_client();
    let tag = env.tag_from_photo("cancel", "grace_hopper.jpg");
    let before = env.store.images(&tag).unwrap();
    // Cancel at the first job_status answer, while the job is still processing (the future is
    // dropped, as a cancelled coroutine does).
    let cancelled = request(&tag, 4, "u-cancel", "job-cancel");
    let polling = Arc::new(FirstPoll::default());
    let run = client.submit_job(&cancelled, Arc::clone(&polling) as Arc<dyn ProgressListener>);
    tokio::select! {
        done = run => panic!("the job finished before it was cancelled: {done:?}"),
        () = polling.0.notified() => {}
    }
    let entry = client.journal().get("job-cancel").unwrap().unwrap();
    assert!(entry.state.is_pending(), "{:?}", entry.state);
    assert_eq!(env.store.images(&tag).unwrap(), before, "tag intact after cancel");

    let resumed = client.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
    assert!(resumed[0].result.as_ref().unwrap().status.job_success);
    assert_eq!(env.sandbox.job_count(env.sandbox.partner_id(), "job-cancel"), 1);

    // Submitting the finished job again returns the recorded result, even with the server gone.
    let smile_job_id = resumed[0].result.as_ref().unwrap().smile_job_id.clone();
    let Env { sandbox, store, dir: _dir } = env;
    sandbox.shutdown().await;
    let again = client
        .submit_job(&request(&tag, 4, "u-cancel", "job-cancel"), Arc::new(NoProgress))
        .await
        .unwrap();
    assert_eq!(again.smile_job_id, smile_job_id);
    assert!(again.status.job_success);
    drop(store);
}

#[tokio::test]
async fn job_id_known_to_the_server_continues_with_retry_flag() {
    let env = Env::start(Duration::from_millis(50)).await;
    let tag = env.tag_from_photo("retry", "obama_3.jpg");
    let first = env
        .api_key_client()
        .submit_job(&request(&tag, 4, "u-retry", "job-fixed"), Arc::new(NoProgress))
        .await
        .unwrap();
    // A second device (its own store and journal) sends the same job_id: prep_upload answers
    // 2215, the client repeats it with retry=true and the server keeps one job.
    let other_store = smileid_core::TagStore::open(env.dir.path().join("other")).unwrap();
    let mut writer = other_store.writer(Some("retry")).unwrap();
    writer.add(smileid_core::ImageType::Selfie, &common::photo("obama_3.jpg")).unwrap();
    writer.commit("files").unwrap();
    let other =
        Client::new(env.config(Auth::ApiKey(env.sandbox.api_key().into())), other_store).unwrap();
    let mut again = request(&tag, 4, "u-retry", "job-fixed");
    again.id_info = Some(smileid_core::IdInfo { allow_re_enroll: true, ..Default::default() });
    let second = other.submit_job(&again, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(first.smile_job_id, second.smile_job_id);
    assert!(second.status.job_complete);
    assert_eq!(env.sandbox.job_count(env.sandbox.partner_id(), "job-fixed"), 1);
}

#[tokio::test]
async fn tags_are_released_after_success_unless_still_needed() {
    let env = Env::start(Duration::from_millis(50)).await;
    let mut config = env.config(Auth::ApiKey(env.sandbox.api_key().into()));
    config.keep_tags_after_success = false;
    let client = Client::new(config, env.store.clone()).unwrap();
    let tag = env.tag_from_photo("release", "obama_2.jpg");
    // A queued job still needs the tag, so the first success keeps it.
    client.enqueue_job(&request(&tag, 4, "u-rel-2", "job-rel-2")).unwrap();
    client
        .submit_job(&request(&tag, 4, "u-rel-1", "job-rel-1"), Arc::new(NoProgress))
        .await
        .unwrap();
    assert!(env.store.exists(&tag).unwrap());
    client.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
    assert!(!env.store.exists(&tag).unwrap(), "deleted once no job needs it");

    // A failed job keeps its tag.
    let tag = env.tag_from_photo("keep-on-fail", "obama_2.jpg");
    let err = client
        .submit_job(&request(&tag, 2, "never-enrolled", "job-fail"), Arc::new(NoProgress))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "api_error");
    assert!(env.store.exists(&tag).unwrap());
    assert_eq!(
        client.journal().get("job-fail").unwrap().unwrap().error_code.as_deref(),
        Some("2210")
    );
}
