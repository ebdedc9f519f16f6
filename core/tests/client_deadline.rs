//! The polling timeout is a promise: with job_status stalled or failing on the real sandbox,
//! `submit_job` keeps asking until the timeout, then returns without waiting for the request in
//! flight, with `job_complete = false` and the reason; the uploaded job is never reported failed
//! and stays pending in the journal. The checks are what happened (the requests made, the answer
//! that never came, a return long before a stalled answer could arrive), not how fast: a loaded
//! machine delays any return, and no wall-clock margin holds on every machine.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{request, Env};
use smileid_core::{
    IncompleteReason, JobProgress, JobState, ProgressListener, SubmitJobRequest, SubmitJobResult,
};

/// How long the sandbox holds each stalled job_status answer.
const STALL: Duration = Duration::from_secs(30);

/// Notes when the upload finished (its last progress event).
#[derive(Default)]
struct UploadClock(Mutex<Option<Instant>>);

impl ProgressListener for UploadClock {
    fn on_progress(&self, _job_id: &str, event: JobProgress) {
        if matches!(event, JobProgress::Uploading { sent, total } if sent == total) {
            *self.0.lock().unwrap() = Some(Instant::now());
        }
    }
}

/// Submits with `timeout_ms`; returns the result and the time from upload to return.
async fn submit_timed(
    env: &Env,
    tag: &str,
    user: &str,
    timeout_ms: i64,
) -> (SubmitJobResult, Duration) {
    let clock = Arc::new(UploadClock::default());
    let job =
        SubmitJobRequest { job_status_polling_timeout_millis: timeout_ms, ..request(tag, 4, user) };
    let result = env.api_key_client().submit_job(&job, clock.clone()).await.unwrap();
    let uploaded = clock.0.lock().unwrap().expect("the zip was uploaded");
    (result, uploaded.elapsed())
}

fn assert_pending_uploaded(env: &Env, result: &SubmitJobResult) {
    let entry = env.api_key_client().journal().get(&result.job_id).unwrap().unwrap();
    assert_eq!(entry.state, JobState::Uploaded, "the job stays pending, not failed");
    assert_eq!(
        env.sandbox.job_count(env.sandbox.partner_id(), &result.job_id),
        1,
        "the job exists at the server"
    );
}

#[tokio::test]
async fn stalled_job_status_returns_at_the_timeout() {
    let faults = format!("job_status:delay={}:1.0", STALL.as_millis());
    let env = Env::start_with_faults(Duration::from_millis(50), &faults).await;
    let tag = env.tag_from_photo("stalled", "obama_1.jpg");
    for (timeout_ms, user) in [(2_000, "u-stall-2000"), (0, "u-stall-0")] {
        let (result, waited) = submit_timed(&env, &tag, user, timeout_ms).await;
        let timeout = Duration::from_millis(timeout_ms as u64);
        // It waited out its timeout, and dropped the stalled request instead of waiting for it.
        assert!(waited >= timeout && waited < STALL, "timeout {timeout_ms} ms: {waited:?}");
        assert!(!result.status.job_complete);
        assert_eq!(result.incomplete_reason, Some(IncompleteReason::TimedOut));
        assert!(result.status.raw.is_empty(), "no answer came: {}", result.status.raw);
        assert_pending_uploaded(&env, &result);
    }
}

#[tokio::test]
async fn failing_job_status_comes_back_incomplete_not_failed() {
    let env = Env::start_with_faults(Duration::from_millis(50), "job_status:503:1.0").await;
    let tag = env.tag_from_photo("failing", "obama_1.jpg");

    let (result, waited) = submit_timed(&env, &tag, "u-503-2000", 2_000).await;
    assert!(waited >= Duration::from_millis(2_000), "returned {waited:?} after the upload");
    assert!(!result.status.job_complete);
    assert_eq!(result.incomplete_reason, Some(IncompleteReason::StatusUnavailable));
    assert_pending_uploaded(&env, &result);
    let polls = env.sandbox.stats().faults_injected;
    assert!(polls >= 2, "job_status was asked again until the deadline: {polls}");

    // Timeout 0: exactly one job_status request.
    let (result, _) = submit_timed(&env, &tag, "u-503-0", 0).await;
    assert_eq!(result.incomplete_reason, Some(IncompleteReason::StatusUnavailable));
    assert_eq!(env.sandbox.stats().faults_injected, polls + 1, "one status request");
    assert_pending_uploaded(&env, &result);
}
