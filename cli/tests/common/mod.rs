//! Helpers shared by the CLI tests: the binary, test photos, a sandbox child process.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub const SMILEID: &str = env!("CARGO_BIN_EXE_smileid");

/// Runs `smileid` with `args`; returns its exit code (None if killed), stdout and stderr.
pub fn run_smileid(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(SMILEID).args(args).output().unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

pub fn faces(name: &str) -> String {
    format!("{}/../testdata/faces/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A `smileid sandbox serve --port 0` child and the JSON of its `SANDBOX_READY` line.
pub struct SandboxProcess {
    pub child: Child,
    ready: serde_json::Value,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl SandboxProcess {
    pub fn start(db: &std::path::Path, extra: &[&str]) -> Self {
        let mut child = Command::new(SMILEID)
            .args(["--log", "debug", "sandbox", "serve", "--port", "0", "--db"])
            .arg(db)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = loop {
            let line = lines.next().expect("sandbox printed SANDBOX_READY").unwrap();
            if let Some(json) = line.strip_prefix("SANDBOX_READY ") {
                break serde_json::from_str(json).unwrap();
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        SandboxProcess { child, ready, log }
    }

    pub fn get(&self, key: &str) -> String {
        self.ready[key].as_str().unwrap().to_string()
    }

    /// The sandbox's counters (`GET /__sandbox/stats`).
    pub fn stats(&self) -> serde_json::Value {
        get_json(&self.get("base_url"), "/__sandbox/stats")
    }
}

/// `GET path` on the host of `url` (`http://host:port/...`) over a plain HTTP/1.0 request; the
/// body parsed as JSON.
pub fn get_json(url: &str, path: &str) -> serde_json::Value {
    use std::io::{Read, Write};
    let host = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("GET {path}: {e}: {response}"))
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
