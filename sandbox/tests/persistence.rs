//! State lives in SQLite: enrolments, finished jobs, pending uploads and upload URLs survive a
//! restart on the same database file.

mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use smileid_sandbox::SandboxConfig;

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.db");
    let config = SandboxConfig { db_path: Some(db.clone()), ..test_config() };

    let first = Harness::with_config(config.clone()).await;
    let user = first.enrolled_user().await;
    let (enrol_job, enrol_result) = {
        let job_id = unique("job");
        let prepared =
            first.prep_upload(&first.prep_body(4, &job_id, &unique("user"), json!({}))).await;
        (job_id, prepared)
    };
    // A job whose zip arrives while processing is "stuck" (long delay) at shutdown.
    let pending_user = unique("user");
    let pending_job = unique("job");
    first.sandbox.shutdown().await;

    let slow = Harness::with_config(SandboxConfig {
        processing_delay: Duration::from_secs(3600),
        ..config.clone()
    })
    .await;
    let prepared =
        slow.prep_upload(&slow.prep_body(4, &pending_job, &pending_user, json!({}))).await;
    assert_eq!(
        slow.put_zip(
            prepared["upload_url"].as_str().unwrap(),
            mobile_zip(&face("obama_1.jpg"), None)
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(
        slow.job_status(&pending_job, &pending_user, json!({})).await["job_complete"],
        json!(false)
    );
    slow.sandbox.shutdown().await;

    let second = Harness::with_config(config).await;
    assert!(second.sandbox.is_enrolled(second.partner(), &user));
    assert_eq!(
        second.result_code(2, &user, mobile_zip(&face("obama_2.jpg"), None), json!({})).await,
        "0820"
    );
    // The pending job is judged after the restart.
    let resumed = second.wait_complete(&pending_job, &pending_user, json!({})).await;
    assert_eq!(resumed["result"]["ResultCode"], json!("0840"));
    // An upload URL minted before the restart still works, and job ids stay taken.
    // (The port changed: keep the path and the signed query.)
    let old = reqwest::Url::parse(enrol_result["upload_url"].as_str().unwrap()).unwrap();
    let url = format!(
        "http://127.0.0.1:{}{}?{}",
        second.sandbox.port(),
        old.path(),
        old.query().unwrap()
    );
    assert_eq!(
        second.put_zip(&url, mobile_zip(&face("grace_hopper.jpg"), None)).await,
        StatusCode::OK
    );
    assert_eq!(
        second.post("upload", &second.prep_body(4, &enrol_job, &unique("user"), json!({}))).await.1
            ["code"],
        json!("2215")
    );
    // Smile job ids keep counting up.
    let next =
        second.prep_upload(&second.prep_body(4, &unique("job"), &unique("user"), json!({}))).await;
    assert!(next["smile_job_id"].as_str().unwrap() > prepared["smile_job_id"].as_str().unwrap());
    second.sandbox.shutdown().await;
}
