//! `smileid submit --enhanced` (alias `--v2`) against a sandbox process: enrolment and
//! authentication answered at once, a pending answer finished by `smileid resume`, exit statuses.

mod common;

use common::{faces, run_smileid, SandboxProcess};

#[test]
fn enhanced_smart_selfie_submit_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox =
        SandboxProcess::start(&dir.path().join("sandbox.db"), &["--processing-delay-ms", "100"]);
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    let (code, _, err) = run_smileid(&[
        "--store",
        store,
        "capture",
        "--tag",
        "v2-tag",
        "--selfie",
        &faces("obama_1.jpg"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (base_url, partner, api_key) =
        (sandbox.get("base_url"), sandbox.get("partner_id"), sandbox.get("api_key"));
    let conn =
        ["--base-url", &base_url, "--partner-id", &partner, "--api-key", &api_key, "--keep-tag"];
    let with_conn = |command: &str, extra: &[&str]| {
        let mut args = vec!["--store", store, command];
        args.extend_from_slice(&conn);
        args.extend_from_slice(extra);
        run_smileid(&args)
    };
    let submit = |extra: &[&str]| {
        let mut args = vec!["--tag", "v2-tag", "--user-id", "v2-cli-user"];
        args.extend_from_slice(extra);
        with_conn("submit", &args)
    };

    let (code, out, err) = submit(&["--enhanced", "--job-type", "4", "--param", "my_ref=A-17"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("status        approved") && out.contains("code          0840"), "{out}");
    assert!(out.contains("my_ref") && out.contains("A-17"), "{out}");
    let (code, out, err) = submit(&["--v2", "--job-type", "2", "--json"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let answer: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (answer["status"].as_str(), answer["code"].as_str()),
        (Some("approved"), Some("0820"))
    );

    // Pending with no time to poll: exit 3, the job waits in the journal for resume.
    let pending =
        ["--enhanced", "--job-type", "2", "--param", "sandbox_result=2", "--timeout-ms", "0"];
    let (code, out, err) = submit(&pending);
    assert_eq!(code, Some(3), "{out}{err}");
    assert!(out.contains("status        pending") && out.contains("smileid resume"), "{out}");
    let (_, jobs, _) = run_smileid(&["--store", store, "jobs"]);
    let line = jobs.lines().find(|l| l.contains("Uploaded")).unwrap_or_else(|| panic!("{jobs}"));
    assert!(line.contains("(enhanced)\tserver_job_id=job-"), "{line}");
    // The journalled timeout is 0: each resume asks job_status once, until the server judged.
    let resumed = (0..200)
        .map(|_| with_conn("resume", &[]))
        .find(|(code, ..)| *code != Some(3))
        .expect("the pending job completes");
    let (code, out, err) = resumed;
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("status        approved"), "{out}");
    let (_, out, _) = with_conn("resume", &[]);
    assert!(out.contains("no pending jobs"), "{out}");

    // Refusals name the field and exit 2; a rejection exits 1.
    let (code, _, err) = submit(&["--enhanced", "--job-type", "1"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("invalid_input") && err.contains("job_type"), "{err}");
    let (code, _, err) = submit(&["--enhanced", "--job-type", "5"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("job_type") && err.contains("--enhanced runs job types 4 and 2"), "{err}");
    let (code, out, _) = submit(&["--enhanced", "--job-type", "2", "--param", "sandbox_result=1"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("status        rejected"), "{out}");
}
