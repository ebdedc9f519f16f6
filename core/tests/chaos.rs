//! Chaos: 1,000 jobs through the real client against the sandbox with 20 % of requests faulted on
//! every endpoint (error statuses, resets, truncated bodies, stalls, dropped uploads). Every job
//! must complete exactly once, and tags are released as in production (not kept): each tag's
//! images stay byte-identical while any of its jobs is pending and are deleted once the last one
//! succeeded, never before. Loopback only; bounded in count and time.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::Env;
use smileid_core::{
    Auth, Client, JobProgress, JobState, PartnerParams, ProgressListener, RetryPolicy,
    SubmitJobRequest, TagStore,
};
use smileid_sandbox::{FaultConfig, SandboxConfig};

const JOBS: usize = 1_000;
const TAGS: usize = 20;
const CONCURRENCY: usize = 24;
/// Per endpoint, the kinds of failure and their shares; each endpoint adds up to 20 %.
const FAULTS: &str =
    "auth_smile:500:0.05,auth_smile:429:0.05,auth_smile:reset:0.05,auth_smile:truncate:0.05,\
upload:503:0.05,upload:reset:0.05,upload:truncate:0.05,upload:delay=150:0.05,\
put:500:0.05,put:reset:0.05,put:drop:0.05,put:truncate:0.05,\
job_status:503:0.05,job_status:429:0.05,job_status:reset:0.05,job_status:truncate:0.05";

/// The tag's image bytes, or `None` once it is gone (also when it goes while being read).
fn digest(store: &TagStore, tag: &str) -> Option<Vec<Vec<u8>>> {
    let images = store.images(tag).ok()?;
    images.all().iter().map(|(_, p)| std::fs::read(p).ok()).collect()
}

/// At the end of every job, checks its tag: while a job on it is pending, the tag is there with
/// its images unchanged. (Jobs only leave the pending set, so a tag found gone with a job still
/// pending on it was released too early.)
struct TagWatch {
    client: Mutex<Option<Client>>,
    job_tags: BTreeMap<String, String>,
    before: BTreeMap<String, Vec<Vec<u8>>>,
    violations: Mutex<Vec<String>>,
}

impl ProgressListener for TagWatch {
    fn on_progress(&self, job_id: &str, event: JobProgress) {
        if !matches!(event, JobProgress::Done { .. }) {
            return;
        }
        let Some(client) = self.client.lock().unwrap().clone() else { return };
        let tag = &self.job_tags[job_id];
        let violation = match digest(client.tags(), tag) {
            Some(images) if images != self.before[tag] => format!("{tag} changed after {job_id}"),
            Some(_) => return,
            // Gone: no job on it may be pending (asked only then: the query reads every row).
            None => {
                let pending = client.pending_jobs().unwrap();
                let waiting = pending.iter().filter(|e| &e.tag == tag).count();
                if waiting == 0 {
                    return;
                }
                format!("{tag} gone after {job_id} with {waiting} of its jobs pending")
            }
        };
        self.violations.lock().unwrap().push(violation);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_jobs_under_faults_complete_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = smileid_sandbox::start(SandboxConfig {
        db_path: Some(dir.path().join("sandbox.db")),
        processing_delay: Duration::from_millis(20),
        faults: FaultConfig::parse(FAULTS, 20261123).unwrap(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let env = Env { store: TagStore::open(dir.path().join("tags")).unwrap(), sandbox, dir };
    let tags: Vec<String> =
        (0..TAGS).map(|i| env.tag_from_photo(&format!("chaos-{i}"), "grace_hopper.jpg")).collect();

    let mut config = env.config(Auth::AuthToken(env.sandbox.auth_token().into()));
    // As in production: a tag is deleted once no pending job needs it.
    config.keep_tags_after_success = false;
    config.poll_interval = Duration::from_millis(150);
    config.request_timeout = Duration::from_secs(5);
    config.retry = RetryPolicy {
        budget: Duration::from_secs(10),
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(40),
    };
    let client = Client::new(config, env.store.clone()).unwrap();
    let requests: Vec<SubmitJobRequest> = (0..JOBS)
        .map(|i| SubmitJobRequest {
            tag: tags[i % TAGS].clone(),
            job_type: 4,
            partner_params: PartnerParams {
                job_id: format!("chaos-job-{i}"),
                user_id: format!("chaos-user-{i}"),
                ..Default::default()
            },
            job_status_polling_timeout_millis: 30_000,
            ..Default::default()
        })
        .collect();
    // Every job is recorded before any runs, so each tag is needed until its last job is done.
    for request in &requests {
        client.enqueue_job(request).unwrap();
    }
    let watch = Arc::new(TagWatch {
        client: Mutex::new(Some(client.clone())),
        job_tags: requests
            .iter()
            .map(|r| (r.partner_params.job_id.clone(), r.tag.clone()))
            .collect(),
        before: tags.iter().map(|t| (t.clone(), digest(&env.store, t).unwrap())).collect(),
        violations: Mutex::default(),
    });

    let run = async {
        let gate = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
        let mut tasks = tokio::task::JoinSet::new();
        for request in requests {
            let (client, gate, watch) = (client.clone(), gate.clone(), watch.clone());
            tasks.spawn(async move {
                let _slot = gate.acquire().await.unwrap();
                // Failures here leave the job pending in the journal; the resume rounds below
                // finish it.
                let _ = client.submit_job(&request, watch).await;
            });
        }
        while tasks.join_next().await.is_some() {}
        let mut rounds = 0;
        while !client.pending_jobs().unwrap().is_empty() && rounds < 10 {
            rounds += 1;
            client.resume_pending_jobs(watch.clone()).await.unwrap();
        }
        rounds
    };
    // A hang guard, not a speed check: a loaded 2-core machine has needed close to 600 s.
    let rounds = tokio::time::timeout(Duration::from_secs(1500), run)
        .await
        .expect("chaos run finished in time");

    let entries = client.journal().all().unwrap();
    assert_eq!(entries.len(), JOBS);
    let incomplete: Vec<_> = entries
        .iter()
        .filter(|e| e.state != JobState::Complete)
        .map(|e| (&e.job_id, e.state, &e.error_code))
        .collect();
    assert!(incomplete.is_empty(), "after {rounds} resume rounds: {incomplete:?}");
    for e in &entries {
        let status = smileid_core::JobStatus::parse(e.status_raw.as_deref().unwrap()).unwrap();
        assert!(status.job_success, "{}: {}", e.job_id, status.raw);
    }
    let stats = env.sandbox.stats();
    assert!(stats.faults_injected > 0, "faults were injected: {stats:?}");
    assert_eq!(stats.jobs_created, JOBS as u64, "no duplicate jobs: {stats:?}");
    assert_eq!(stats.jobs_completed, JOBS as u64, "{stats:?}");
    for i in (0..JOBS).step_by(97) {
        assert_eq!(env.sandbox.job_count(env.sandbox.partner_id(), &format!("chaos-job-{i}")), 1);
    }
    let violations = watch.violations.lock().unwrap().clone();
    assert!(violations.is_empty(), "tags released early or changed: {violations:?}");
    for tag in &tags {
        assert!(!env.store.exists(tag).unwrap(), "{tag} released once its last job succeeded");
    }
    watch.client.lock().unwrap().take();
    println!(
        "chaos: {JOBS} jobs complete, {} faults injected, {rounds} resume rounds, {stats:?}",
        stats.faults_injected
    );
}
