//! `smileid`'s exit status tells approved (0), completed but not approved (1), error (2) and
//! incomplete (3) apart, as `--help` and the README document.

mod common;

use common::{faces, run_smileid, SandboxProcess};

/// Runs `smileid` and returns its exit code and stdout + stderr.
fn smileid(args: &[&str]) -> (i32, String) {
    let (code, stdout, stderr) = run_smileid(args);
    (code.expect("exited, not killed"), stdout + &stderr)
}

#[test]
fn exit_status_distinguishes_approved_rejected_error_and_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    // Jobs stay "processing" 1.5 s, so a job polled with --timeout-ms 0 is surely incomplete.
    let sandbox =
        SandboxProcess::start(&dir.path().join("sandbox.db"), &["--processing-delay-ms", "1500"]);
    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    let (code, out) =
        smileid(&["--store", store, "capture", "--tag", "t", "--selfie", &faces("obama_1.jpg")]);
    assert_eq!(code, 0, "{out}");
    let (base_url, partner, api_key) =
        (sandbox.get("base_url"), sandbox.get("partner_id"), sandbox.get("api_key"));
    let submit = |extra: &[&str]| {
        let mut args = vec!["--store", store, "submit", "--tag", "t", "--keep-tag"];
        args.extend(["--base-url", &base_url, "--partner-id", &partner, "--api-key", &api_key]);
        args.extend_from_slice(extra);
        smileid(&args)
    };

    let (code, out) = submit(&["--job-type", "4", "--user-id", "approved"]);
    assert_eq!((code, out.contains("ResultCode    0840")), (0, true), "approved:\n{out}");

    let (code, out) =
        submit(&["--job-type", "4", "--user-id", "rejected", "--param", "sandbox_result=1"]);
    assert_eq!((code, out.contains("ResultCode    0841")), (1, true), "rejected:\n{out}");

    let (code, out) =
        submit(&["--job-type", "4", "--user-id", "provisional", "--param", "sandbox_result=2"]);
    assert_eq!((code, out.contains("ResultCode    0842")), (1, true), "provisional:\n{out}");

    let (code, out) = submit(&["--job-type", "4", "--user-id", "slow", "--timeout-ms", "0"]);
    let said = out.contains("job_complete  false") && out.contains("smileid resume finishes it");
    assert_eq!((code, said), (3, true), "incomplete:\n{out}");

    let (code, out) = submit(&["--job-type", "1", "--country", "XX", "--id-type", "BVN"]);
    assert_eq!((code, out.contains("id_info.country")), (2, true), "error:\n{out}");

    // resume polls the pending job as submitted (timeout 0): 3 while it is processing, then 0
    // once it completes approved.
    let mut resume = vec!["--store", store, "resume"];
    resume.extend(["--base-url", &base_url, "--partner-id", &partner, "--api-key", &api_key]);
    let mut outcome = smileid(&resume);
    for _ in 0..100 {
        if outcome.0 != 3 {
            break;
        }
        assert!(outcome.1.contains("job_complete  false"), "resume:\n{}", outcome.1);
        std::thread::sleep(std::time::Duration::from_millis(200));
        outcome = smileid(&resume);
    }
    let (code, out) = outcome;
    assert_eq!((code, out.contains("ResultCode    0840")), (0, true), "resume:\n{out}");

    let (code, help) = smileid(&["--help"]);
    assert_eq!(code, 0);
    for line in ["Exit status:", "  1  a job completed but was not approved", "  3  a job did not"]
    {
        assert!(help.contains(line), "--help lacks {line:?}:\n{help}");
    }
}
