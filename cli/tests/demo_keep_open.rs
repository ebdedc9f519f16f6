//! `smileid demo --keep-open`: after its jobs the sandbox keeps serving, its dashboard lists
//! them, and Ctrl-C (SIGINT) stops it cleanly.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{get_json, SMILEID};

#[test]
fn keep_open_serves_the_dashboard_until_interrupted() {
    let mut demo = Command::new(SMILEID)
        .args(["demo", "--keep-open"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(demo.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    let url = loop {
        let line = lines.next().unwrap_or_else(|| panic!("demo ended early:\n{printed}")).unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.strip_prefix("the sandbox keeps running: open ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/dashboard"), "{url}");
    let jobs = get_json(&url, "/dashboard/api/jobs");
    let jobs = jobs["jobs"].as_array().unwrap();
    // Jobs 4, 2, 1 and 5, the Enhanced SmartSelfie authentication (listed like the others) and
    // job 6.
    assert_eq!(jobs.len(), 6, "{jobs:?}");
    assert!(jobs.iter().all(|j| j["result"]["verdict"] == "approved"), "{jobs:?}");
    assert_eq!(demo.try_wait().unwrap(), None, "still running after the jobs");

    let interrupted = Command::new("kill").args(["-INT", &demo.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    let status = demo.wait().unwrap();
    assert!(status.success(), "Ctrl-C ends the demo cleanly: {status:?}");
}
