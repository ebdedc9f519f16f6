//! The `smileid-sandbox serve` binary and the synchronous start used by the CLI demo.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use serde_json::Value;
use smileid_sandbox::RunningSandbox;

/// One plain HTTP/1.1 GET over a std socket; returns the status line and body.
fn http_get(base_url: &str, path: &str) -> (String, String) {
    let authority = base_url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[test]
fn binary_prints_the_ready_line_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smileid-sandbox"))
        .args([
            "serve",
            "--port",
            "0",
            "--processing-delay-ms",
            "10",
            "--partner-id",
            "0085",
            "--api-key",
            "k-1",
            "--auth-token",
            "t-1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = String::new();
    let ready: Value = loop {
        let line = lines.next().expect("the sandbox prints a SANDBOX_READY line").unwrap();
        if let Some(json) = line.strip_prefix("SANDBOX_READY ") {
            break serde_json::from_str(json).unwrap();
        }
        banner.push_str(&line);
    };
    let base_url = ready["base_url"].as_str().unwrap();
    assert!(banner.contains(base_url) && banner.contains("0085"), "{banner}");
    assert_eq!(
        (ready["partner_id"].as_str(), ready["api_key"].as_str(), ready["auth_token"].as_str()),
        (Some("0085"), Some("k-1"), Some("t-1"))
    );
    assert!(ready["ca_cert_path"].is_null());
    let (status, body) = http_get(base_url, "/v1/services");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("bank_codes"));

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    assert!(child.wait().unwrap().success(), "clean exit on SIGTERM");
}

#[test]
fn start_blocking_serves_from_synchronous_code() {
    let sandbox = RunningSandbox::start_blocking(common::test_config()).unwrap();
    let (status, body) = http_get(&sandbox.base_url(), "/__sandbox/stats");
    assert!(status.contains("200"), "{status}");
    let stats: Value =
        serde_json::from_str(body.trim()).unwrap_or_else(|_| panic!("stats JSON: {body}"));
    assert_eq!(stats["jobs_created"], 0);
    let port = sandbox.port();
    sandbox.shutdown_blocking();
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "stopped");
}

#[test]
fn fault_flags_are_parsed_and_bad_specs_refused() {
    let bad = Command::new(env!("CARGO_BIN_EXE_smileid-sandbox"))
        .args(["serve", "--port", "0", "--faults", "job_status:teapot:0.2"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("invalid fault rule"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_smileid-sandbox"))
        .args([
            "serve",
            "--port",
            "0",
            "--faults",
            "job_status:503:1,put:drop:0.5",
            "--fault-seed",
            "9",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ready = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .find(|l| l.starts_with("SANDBOX_READY "))
        .unwrap();
    let ready: Value = serde_json::from_str(&ready["SANDBOX_READY ".len()..]).unwrap();
    let base_url = ready["base_url"].as_str().unwrap();
    let authority = base_url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    write!(
        stream,
        "POST /v1/job_status HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 2\r\n\
         Connection: close\r\n\r\n{{}}"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(child.wait().unwrap().success());
}
