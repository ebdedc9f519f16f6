//! Kill test: a `smileid submit` process is SIGKILLed while in prep_upload, while uploading and
//! while polling; after a restart `smileid resume` completes each job exactly once.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{faces, SandboxProcess, SMILEID};

/// Waits (bounded) until `ready` holds.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn jobs(store: &str) -> String {
    String::from_utf8(
        Command::new(SMILEID).args(["--store", store, "jobs"]).output().unwrap().stdout,
    )
    .unwrap()
}

fn connection(sandbox: &SandboxProcess) -> Vec<String> {
    [
        "--base-url",
        &sandbox.get("base_url"),
        "--partner-id",
        &sandbox.get("partner_id"),
        "--api-key",
        &sandbox.get("api_key"),
    ]
    .map(String::from)
    .to_vec()
}

fn submit(store: &str, sandbox: &SandboxProcess, job_id: &str) -> Child {
    Command::new(SMILEID)
        .args([
            "--store",
            store,
            "submit",
            "--tag",
            "victim",
            "--job-type",
            "4",
            "--keep-tag",
            "--timeout-ms",
            "120000",
        ])
        .args(["--job-id", job_id, "--user-id", &format!("user-{job_id}")])
        .args(connection(sandbox))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kills a client at one step, restarts the sandbox without faults on the same database, resumes.
fn kill_and_resume(
    dir: &Path,
    job_id: &str,
    sandbox_flags: &[&str],
    at_step: impl Fn(&SandboxProcess, &str) -> bool,
    state_at_kill: &str,
) {
    let store = dir.join("tags");
    let store = store.to_str().unwrap();
    let db = dir.join(format!("{job_id}.db"));
    let sandbox = SandboxProcess::start(&db, sandbox_flags);
    let mut client = submit(store, &sandbox, job_id);
    wait_for(job_id, || at_step(&sandbox, store));
    client.kill().unwrap(); // SIGKILL: no clean-up of any kind
    client.wait().unwrap();
    let listing = jobs(store);
    let line = listing
        .lines()
        .find(|l| l.starts_with(job_id))
        .unwrap_or_else(|| panic!("{job_id} journalled: {listing}"));
    assert!(line.contains(state_at_kill), "{job_id} killed in state {state_at_kill}: {line}");
    drop(sandbox);

    let sandbox = SandboxProcess::start(&db, &["--processing-delay-ms", "50"]);
    let mut resume =
        vec!["--store".to_string(), store.to_string(), "resume".into(), "--keep-tag".into()];
    resume.extend(connection(&sandbox));
    let out = Command::new(SMILEID).args(&resume).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success()
            && stdout.contains(&format!("resumed {job_id}"))
            && stdout.contains("0840"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = jobs(store);
    assert!(listing.lines().any(|l| l.starts_with(job_id) && l.contains("Complete")), "{listing}");
    let stats = sandbox.stats();
    assert_eq!(stats["jobs_completed"], 1, "the job completed once after the restart: {stats}");
    // Resuming again does nothing: exactly once.
    let again = Command::new(SMILEID).args(&resume).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("no pending jobs"));
}

#[test]
fn killed_in_prep_upload_upload_and_polling_then_resumed_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("tags");
    let capture = Command::new(SMILEID)
        .args([
            "--store",
            store.to_str().unwrap(),
            "capture",
            "--tag",
            "victim",
            "--selfie",
            &faces("obama_2.jpg"),
        ])
        .output()
        .unwrap();
    assert!(capture.status.success(), "{}", String::from_utf8_lossy(&capture.stderr));
    let stalled = |s: &SandboxProcess, _: &str| s.stats()["faults_injected"].as_u64().unwrap() > 0;

    // prep_upload stalls: the client is killed waiting for it.
    kill_and_resume(
        dir.path(),
        "job-kill-prep",
        &["--faults", "upload:delay=60000:1"],
        stalled,
        "Captured",
    );
    // The zip PUT stalls: killed after prep_upload succeeded, mid-upload.
    kill_and_resume(
        dir.path(),
        "job-kill-put",
        &["--faults", "put:delay=60000:1"],
        stalled,
        "Prepared",
    );
    // Processing takes a minute: killed while polling, after the upload.
    let polling = |_: &SandboxProcess, store: &str| {
        jobs(store).lines().any(|l| l.starts_with("job-kill-poll") && l.contains("Uploaded"))
    };
    kill_and_resume(
        dir.path(),
        "job-kill-poll",
        &["--processing-delay-ms", "60000"],
        polling,
        "Uploaded",
    );
}
