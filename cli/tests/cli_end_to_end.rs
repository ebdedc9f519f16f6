//! The `smileid` binary end to end: the demo, capture + submit (and Enhanced KYC, services)
//! against a sandbox process, and a log scrub at debug level that finds no secret or personal
//! field.

mod common;

use common::{faces, run_smileid, SandboxProcess};

fn run(args: &[&str]) -> (bool, String, String) {
    let (code, stdout, stderr) = run_smileid(args);
    (code == Some(0), stdout, stderr)
}

/// Fails if any secret or personal value appears in `text`.
fn assert_scrubbed(what: &str, text: &str, forbidden: &[&str]) {
    for value in forbidden {
        assert!(!text.contains(value), "{what} leaks {value:?}:\n{text}");
    }
}

#[test]
fn demo_runs_jobs_4_2_1_5_v2_and_6_and_logs_nothing_secret() {
    let (ok, stdout, stderr) = run(&["--log", "debug", "demo"]);
    assert!(ok, "demo failed:\n{stdout}\n{stderr}");
    for expected in [
        "SmartSelfie Enrollment",
        "SmartSelfie Authentication",
        "Biometric KYC",
        "0840",
        "0820",
        "Enhanced KYC",
        "ResultCode    1012",
        "Enhanced SmartSelfie Authentication",
    ] {
        assert!(stdout.contains(expected), "demo output lacks {expected}:\n{stdout}");
    }
    assert_eq!(stdout.matches("job_success   true").count(), 4, "{stdout}");
    // Job 6, last: the specimen card's front and back added to the tag, the document read.
    let document = stdout
        .split("== Document Verification (job type 6)")
        .nth(1)
        .unwrap_or_else(|| panic!("no job 6 in the demo:\n{stdout}"));
    for expected in [
        "job_success   true",
        "ResultCode    0810",
        "ResultText    Document Verified",
        "Document_Check",
    ] {
        assert!(document.contains(expected), "job 6 lacks {expected}:\n{stdout}");
    }
    assert!(stdout.contains("+ the specimen ID card, front and back"), "{stdout}");
    assert!(stdout.contains("verified      true"), "{stdout}");
    assert!(stdout.contains("Enhanced SmartSelfie") && stdout.contains("status        approved"));
    assert!(
        stdout.contains("dashboard http://127.0.0.1:"),
        "the demo prints its dashboard:\n{stdout}"
    );
    assert!(stderr.contains("DEBUG") || stderr.contains("INFO"), "debug logging was on:\n{stderr}");
    // The demo's sandbox credentials and the BVN test number never reach the logs.
    assert_scrubbed(
        "demo logs",
        &stderr,
        &["sandbox-secret-key", "sandbox-auth-token", "00000000000", "signature="],
    );
}

#[test]
fn capture_submit_resume_against_a_sandbox_process() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox =
        SandboxProcess::start(&dir.path().join("sandbox.db"), &["--processing-delay-ms", "100"]);
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    let (ok, tag, err) =
        run(&["--store", store, "capture", "--tag", "cli-tag", "--selfie", &faces("obama_1.jpg")]);
    assert!(ok, "{err}");
    assert_eq!(tag.trim(), "cli-tag");
    let (ok, listing, _) = run(&["--store", store, "tags"]);
    assert!(ok && listing.contains("cli-tag") && listing.contains("liveness:7"), "{listing}");

    let base_url = sandbox.get("base_url");
    let partner = sandbox.get("partner_id");
    let api_key = sandbox.get("api_key");
    let common = ["--store", store, "--log", "debug"];
    let conn =
        ["--base-url", &base_url, "--partner-id", &partner, "--api-key", &api_key, "--keep-tag"];
    let submit = |extra: &[&str]| {
        let mut args: Vec<&str> = common.to_vec();
        args.push("submit");
        args.extend_from_slice(&conn);
        args.extend_from_slice(extra);
        run(&args)
    };
    let (ok, out, err) = submit(&["--tag", "cli-tag", "--job-type", "4", "--user-id", "cli-user"]);
    assert!(ok && out.contains("0840"), "{out}{err}");
    let (ok, out, err) =
        submit(&["--tag", "cli-tag", "--job-type", "2", "--user-id", "cli-user", "--json"]);
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(json["result"]["ResultCode"], "0820");
    let personal = ["Ada", "Lovelace", "1815-12-10", "ABC000000000"];
    let (ok, out, err) = submit(&[
        "--tag",
        "cli-tag",
        "--job-type",
        "1",
        "--user-id",
        "cli-kyc",
        "--country",
        "NG",
        "--id-type",
        "DRIVERS_LICENSE",
        "--id-number",
        "ABC000000000",
        "--first-name",
        "Ada",
        "--last-name",
        "Lovelace",
        "--dob",
        "1815-12-10",
    ]);
    assert!(ok && out.contains("job_success   true"), "{out}{err}");
    assert_scrubbed(
        "client logs",
        &err,
        &[&api_key, personal[0], personal[1], personal[2], personal[3], "signature="],
    );

    // A typed error names the field; nothing is lost.
    let (ok, _, err) = submit(&[
        "--tag",
        "cli-tag",
        "--job-type",
        "1",
        "--country",
        "NG",
        "--id-type",
        "BVN",
        "--id-number",
        "12",
    ]);
    assert!(!ok && err.contains("invalid_input") && err.contains("id_info.id_number"), "{err}");
    let (ok, _, err) = submit(&["--tag", "../x", "--job-type", "4"]);
    assert!(!ok && err.contains("tag"), "{err}");

    let (ok, jobs, _) = run(&["--store", store, "jobs"]);
    assert!(ok && jobs.matches("Complete").count() == 3, "{jobs}");
    let mut resume: Vec<&str> = common.to_vec();
    resume.push("resume");
    resume.extend_from_slice(&conn);
    let (ok, out, err) = run(&resume);
    assert!(ok && out.contains("no pending jobs"), "{out}{err}");

    let sandbox_log = sandbox.log.lock().unwrap().clone();
    assert_scrubbed(
        "sandbox logs",
        &sandbox_log,
        &[&api_key, personal[0], personal[1], personal[2], personal[3]],
    );
}

#[test]
fn enhanced_kyc_and_services_against_a_sandbox_process() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProcess::start(&dir.path().join("sandbox.db"), &[]);
    let store = dir.path().join("tags");
    let (base_url, partner, api_key) =
        (sandbox.get("base_url"), sandbox.get("partner_id"), sandbox.get("api_key"));
    let command = |name: &str, extra: &[&str]| {
        let mut args = vec!["--store", store.to_str().unwrap(), "--log", "debug", name];
        args.extend_from_slice(&["--base-url", &base_url, "--partner-id", &partner]);
        args.extend_from_slice(&["--api-key", &api_key]);
        args.extend_from_slice(extra);
        run_smileid(&args)
    };
    let kyc = |number: &str, extra: &[&str]| {
        let mut args = vec!["--job-type", "5", "--country", "NG", "--id-type", "BVN"];
        args.extend_from_slice(&["--id-number", number]);
        args.extend_from_slice(extra);
        command("submit", &args)
    };

    let (code, out, err) = kyc("00000000000", &[]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("ResultCode    1012") && out.contains("verified      true"), "{out}");
    assert!(!out.contains("Joe Leo Doe"), "the text output shows no personal data: {out}");
    assert_scrubbed("client logs", &err, &[&api_key, "00000000000", "Joe Leo Doe"]);
    let (code, out, _) = kyc("00000000001", &["--json", "--param", "my_ref=A-17"]);
    assert_eq!(code, Some(1), "not found: not approved");
    let json: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (&json["ResultCode"], &json["PartnerParams"]["my_ref"]),
        (&"1013".into(), &"A-17".into())
    );
    let (code, _, err) = kyc("123", &[]);
    assert!(code == Some(2) && err.contains("id_info.id_number"), "{err}");
    let (code, _, err) = kyc("00000000000", &["--tag", "some-tag"]);
    assert!(code == Some(2) && err.contains("invalid tag"), "{err}");
    let (code, _, err) = command("submit", &["--job-type", "4"]);
    assert!(code == Some(2) && err.contains("invalid tag: is required"), "{err}");

    let (code, out, err) = command("services", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.lines().any(|l| l == "UG  Uganda"), "{out}");
    assert!(
        out.contains("BANK_ACCOUNT") && out.contains("sandbox test number 00000000000"),
        "{out}"
    );
    let (code, out, _) = command("services", &["--product", "biometric-kyc"]);
    assert!(code == Some(0) && !out.contains("UG  Uganda"), "{out}");
    let (code, out, _) = command("services", &["--json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(json["hosted_web"]["enhanced_kyc"]["NG"]["id_types"]["BVN"].is_object());
    assert_eq!(sandbox.stats()["lookups_served"], 3);
    let sandbox_log = sandbox.log.lock().unwrap().clone();
    assert_scrubbed("sandbox logs", &sandbox_log, &[&api_key, "Joe Leo Doe"]);
}
