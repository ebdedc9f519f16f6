//! The README's command-line block, run as written so it cannot drift from the CLI.
//!
//! Every ```sh block of the README's "The command line" section runs in bash with `set -e` (and
//! `-u`, `pipefail`), so any command that fails fails the test. Only the surroundings change:
//! - `cargo build ...` lines are dropped: Cargo already built the binary under test, which is
//!   first on `PATH` (the block's own `export PATH=...target/release...` then adds a folder that
//!   does not exist in the scratch folder);
//! - `8080` becomes a free port, so the test does not depend on, or disturb, a local server;
//! - the block runs in a scratch folder holding a link to the repository's `testdata/` (the
//!   photos the block names), with `HOME` and `SMILEID_HOME` there, so tags, the journal and the
//!   sandbox stay out of the developer's home.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::SMILEID;

/// The ```sh blocks of the README section titled `section`.
fn sh_blocks(readme: &str, section: &str) -> Vec<String> {
    let start = readme.find(&format!("\n## {section}\n")).expect("README section");
    let body = &readme[start + 1..];
    let body = &body[..body[3..].find("\n## ").map_or(body.len(), |i| i + 3)];
    body.split("```sh\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap().to_string())
        .collect()
}

/// `block` as the test runs it (see the module comment).
fn adapt(block: &str, port: u16) -> String {
    block
        .lines()
        .filter(|line| !line.trim_start().starts_with("cargo build"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("8080", &port.to_string())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A block that has not finished by then is stuck (e.g. a server started in the foreground).
const DEADLINE: Duration = Duration::from_secs(300);

/// Runs `script` in `dir` in its own process group, which is killed afterwards, so a failure
/// half-way never leaves the background sandbox running. Output goes to files: a leftover
/// process would hold a pipe open. Returns whether it succeeded in time, and its output.
fn run_script(dir: &Path, script: &str) -> (bool, String) {
    let bin_dir = Path::new(SMILEID).parent().unwrap();
    let log = dir.join("script.log");
    let file = std::fs::File::create(&log).unwrap();
    let mut child = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env_clear()
        .env("PATH", format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()))
        .env("HOME", dir)
        .env("SMILEID_HOME", dir.join(".smileid"))
        .process_group(0)
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        match child.try_wait().unwrap() {
            Some(status) => break Some(status),
            None if started.elapsed() > DEADLINE => break None,
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).output();
    let _ = child.wait();
    let mut output = std::fs::read_to_string(log).unwrap();
    if status.is_none() {
        output.push_str(&format!("\n-- still running after {DEADLINE:?}: killed"));
    }
    (status.is_some_and(|s| s.success()), output)
}

#[test]
fn readme_command_line_block_runs_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let blocks = sh_blocks(&readme, "The command line");
    assert!(!blocks.is_empty(), "no ```sh block under \"## The command line\"");
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(repo.join("testdata"), dir.path().join("testdata")).unwrap();
    let mut all = String::new();
    for block in blocks {
        let script = adapt(&block, free_port());
        let (ok, output) = run_script(dir.path(), &script);
        assert!(ok, "{script}\n-- failed:\n{output}");
        all.push_str(&output);
    }
    // The block's jobs ran: the enrolment approved, then Biometric KYC as JSON.
    assert!(all.contains("ResultCode    0840"), "{all}");
    assert!(all.contains("\"ResultCode\":\"0810\""), "{all}");
}
