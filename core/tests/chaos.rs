//! Chaos: 1,000 jobs through the real client against the sandbox with 20 % of requests faulted on
//! every endpoint (error statuses, resets, truncated bodies, stalls, dropped uploads). Every job
//! must complete exactly once and every tag must come out byte-identical. Loopback only; bounded
//! in count and time.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use common::Env;
use smileid_core::{Auth, Client, JobState, NoProgress, PartnerParams, RetryPolicy, SubmitJobRequest};
use smileid_sandbox::{FaultConfig, SandboxConfig};

const JOBS: usize = 1_000;
const TAGS: usize = 20;
const CONCURRENCY: usize = 24;
/// Per endpoint, the kinds of failure and their shares; each endpoint adds up to 20 %.
const FAULTS: &str = "auth_smile:500:0.05,auth_smile:429:0.05,auth_smile:reset:0.05,auth_smile:truncate:0.05,\
upload:503:0.05,upload:reset:0.05,upload:truncate:0.05,upload:delay=150:0.05,\
put:500:0.05,put:reset:0.05,put:drop:0.05,put:truncate:0.05,\
job_status:503:0.05,job_status:429:0.05,job_status:reset:0.05,job_status:truncate:0.05";

fn digest(env: &Env, tag: &str) -> Vec<Vec<u8>> {
    env.store.images(tag).unwrap().all().iter().map(|(_, p)| std::fs::read(p).unwrap()).collect()
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
    let env = Env { store: smileid_core::TagStore::open(dir.path().join("tags")).unwrap(), sandbox, dir };
    let tags: Vec<String> = (0..TAGS).map(|i| env.tag_from_photo(&format!("chaos-{i}"), "grace_hopper.jpg")).collect();
    let before: BTreeMap<&String, Vec<Vec<u8>>> = tags.iter().map(|t| (t, digest(&env, t))).collect();

    let mut config = env.config(Auth::AuthToken(env.sandbox.auth_token().into()));
    config.poll_interval = Duration::from_millis(150);
    config.request_timeout = Duration::from_secs(5);
    config.retry = RetryPolicy { max_attempts: 5, initial_delay: Duration::from_millis(5), max_delay: Duration::from_millis(40) };
    let client = Client::new(config, env.store.clone()).unwrap();

    let run = async {
        let gate = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..JOBS {
            let (client, gate) = (client.clone(), gate.clone());
            let request = SubmitJobRequest {
                tag: tags[i % TAGS].clone(),
                job_type: 4,
                partner_params: PartnerParams { job_id: format!("chaos-job-{i}"), user_id: format!("chaos-user-{i}"), ..Default::default() },
                job_status_polling_timeout_millis: 30_000,
                ..Default::default()
            };
            tasks.spawn(async move {
                let _slot = gate.acquire().await.unwrap();
                // Failures here leave the job pending in the journal; the resume rounds below finish it.
                let _ = client.submit_job(&request, Arc::new(NoProgress)).await;
            });
        }
        while tasks.join_next().await.is_some() {}
        let mut rounds = 0;
        while !client.pending_jobs().unwrap().is_empty() && rounds < 10 {
            rounds += 1;
            client.resume_pending_jobs(Arc::new(NoProgress)).await.unwrap();
        }
        rounds
    };
    let rounds = tokio::time::timeout(Duration::from_secs(600), run).await.expect("chaos run finished in time");

    let entries = client.journal().all().unwrap();
    assert_eq!(entries.len(), JOBS);
    let incomplete: Vec<_> = entries.iter().filter(|e| e.state != JobState::Complete).map(|e| (&e.job_id, e.state, &e.error_code)).collect();
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
    for tag in &tags {
        assert_eq!(digest(&env, tag), before[tag], "tag {tag} unchanged");
    }
    println!("chaos: {JOBS} jobs complete, {} faults injected, {rounds} resume rounds, {stats:?}", stats.faults_injected);
}
