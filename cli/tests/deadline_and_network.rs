//! `smileid submit` keeps the polling timeout with job_status stalled or failing on a sandbox
//! process, says why the job is incomplete, and names host, cause and way out when the server
//! cannot be reached. A released tag's error says after which job it was released.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{faces, SandboxProcess, SMILEID};

/// Runs the CLI; returns (success, stdout, stderr, time taken).
fn run(args: &[&str]) -> (bool, String, String, Duration) {
    let started = Instant::now();
    let out = Command::new(SMILEID).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

fn capture(store: &str, tag: &str) {
    let (ok, _, err, _) =
        run(&["--store", store, "capture", "--tag", tag, "--selfie", &faces("obama_1.jpg")]);
    assert!(ok, "{err}");
}

fn connection(sandbox: &SandboxProcess) -> Vec<String> {
    ["--base-url", "base_url", "--partner-id", "partner_id", "--api-key", "api_key"]
        .chunks(2)
        .flat_map(|pair| [pair[0].to_string(), sandbox.get(pair[1])])
        .collect()
}

/// The whole process (start, auth, upload, polling) within the timeout plus one second for the
/// wait and two for everything before it.
fn assert_kept(timeout_ms: u64, took: Duration) {
    let limit = Duration::from_millis(timeout_ms) + Duration::from_secs(3);
    assert!(took <= limit, "--timeout-ms {timeout_ms}: the command took {took:?}");
}

#[test]
fn stalled_and_failing_job_status_keep_the_timeout() {
    for (faults, reason) in [
        ("job_status:delay=30000:1.0", "(timed out; the result goes to the callback URL;"),
        ("job_status:503:1.0", "(status unavailable: job_status kept failing until the timeout;"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = SandboxProcess::start(&dir.path().join("sandbox.db"), &["--faults", faults]);
        let store = dir.path().join("tags");
        let store = store.to_str().unwrap();
        capture(store, "slow");
        for timeout in ["2000", "0"] {
            let mut args = vec!["--store", store, "submit", "--tag", "slow", "--job-type", "4"];
            args.extend(["--timeout-ms", timeout]);
            let conn = connection(&sandbox);
            args.extend(conn.iter().map(String::as_str));
            let (_, out, err, took) = run(&args);
            assert_kept(timeout.parse().unwrap(), took);
            assert!(out.contains(&format!("job_complete  false {reason}")), "{faults}: {out}{err}");
        }
        let (ok, jobs, _, _) = run(&["--store", store, "jobs"]);
        assert!(ok && jobs.matches("Uploaded").count() == 2, "both stay pending: {jobs}");
    }
}

#[test]
fn unreachable_server_names_host_cause_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    capture(store, "offline");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}/v1");
    let (ok, _, err, _) = run(&[
        "--store",
        store,
        "submit",
        "--tag",
        "offline",
        "--job-type",
        "4",
        "--base-url",
        &base,
        "--partner-id",
        "2343",
        "--api-key",
        "k",
        "--retry-budget-ms",
        "1000",
    ]);
    assert!(!ok);
    assert!(err.contains(&format!("127.0.0.1:{port} refused the connection")), "{err}");
    assert!(err.contains("smileid resume"), "{err}");
    let (ok, jobs, _, _) = run(&["--store", store, "jobs"]);
    assert!(ok && jobs.contains("Captured"), "the job stays pending: {jobs}");
}

#[test]
fn a_released_tag_says_after_which_job() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProcess::start(&dir.path().join("sandbox.db"), &[]);
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    capture(store, "alice");
    let conn = connection(&sandbox);
    let submit = |job_type: &str, job_id: &str| {
        let mut args = vec!["--store", store, "submit", "--tag", "alice", "--job-type", job_type];
        args.extend(["--user-id", "alice", "--job-id", job_id]);
        args.extend(conn.iter().map(String::as_str));
        run(&args)
    };
    let (ok, out, err, _) = submit("4", "job-alice-enrol");
    assert!(ok && out.contains("job_success   true"), "{out}{err}");
    let (ok, _, err, _) = submit("2", "job-alice-auth");
    assert!(!ok);
    assert!(err.contains("tag_not_found"), "{err}");
    assert!(err.contains("released") && err.contains("job-alice-enrol"), "{err}");
    assert!(err.contains("--keep-tag"), "{err}");
}
