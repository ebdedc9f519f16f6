//! `smileid callbacks listen` over real HTTP: a sandbox job whose callback_url points at the
//! listener is reported as verified (ids and outcome, no personal field); a forged callback and a
//! malformed body are refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{faces, run_smileid, SandboxProcess, SMILEID};

/// A `smileid callbacks listen --port 0` child, its URL and everything it printed.
struct Listener {
    child: Child,
    url: String,
    output: Arc<Mutex<String>>,
}

impl Listener {
    fn start(partner_id: &str, api_key: &str) -> Self {
        let mut child = Command::new(SMILEID)
            .args(["callbacks", "listen", "--port", "0", "--partner-id", partner_id])
            .args(["--api-key", api_key])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("listener printed CALLBACKS_READY").unwrap();
            if let Some(json) = line.strip_prefix("CALLBACKS_READY ") {
                let ready: serde_json::Value = serde_json::from_str(json).unwrap();
                break ready["url"].as_str().unwrap().to_string();
            }
        };
        let output = Arc::new(Mutex::new(String::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Listener { child, url, output }
    }

    /// Waits until the listener has printed a line containing `needle` (the sandbox delivers
    /// callbacks in the background), and returns that line.
    fn line_with(&self, needle: &str) -> String {
        let give_up = Instant::now() + Duration::from_secs(60);
        loop {
            let output = self.output.lock().unwrap().clone();
            if let Some(line) = output.lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            assert!(
                Instant::now() < give_up,
                "no line with {needle:?}; listener printed:\n{output}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// POSTs `body` over a plain HTTP/1.1 connection; returns the status code.
    fn post(&self, body: &str) -> u16 {
        let host = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        write!(
            stream,
            "POST /smile-callback HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_sandbox_job_callback_is_verified_and_a_forged_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox =
        SandboxProcess::start(&dir.path().join("sandbox.db"), &["--processing-delay-ms", "100"]);
    let (partner, api_key) = (sandbox.get("partner_id"), sandbox.get("api_key"));
    let listener = Listener::start(&partner, &api_key);

    let store = dir.path().join("tags");
    let store = store.to_str().unwrap();
    let selfie = faces("grace_hopper.jpg");
    let (code, _, err) =
        run_smileid(&["--store", store, "capture", "--tag", "t", "--selfie", &selfie]);
    assert_eq!(code, Some(0), "{err}");
    let callback_url = format!("{}smile-callback", listener.url);
    let (code, out, err) = run_smileid(&[
        "--store",
        store,
        "submit",
        "--tag",
        "t",
        "--job-type",
        "1",
        "--user-id",
        "cb-user",
        "--job-id",
        "cb-job-1",
        "--country",
        "NG",
        "--id-type",
        "BVN",
        "--id-number",
        "00000000000",
        "--callback-url",
        &callback_url,
        "--base-url",
        &sandbox.get("base_url"),
        "--partner-id",
        &partner,
        "--api-key",
        &api_key,
        "--json",
    ]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    let result = &result["result"];

    let line = listener.line_with("job_id=cb-job-1");
    let (smile_job_id, text) = (&result["SmileJobID"], &result["ResultText"]);
    assert_eq!(
        line,
        format!(
            "callback job_id=cb-job-1 SmileJobID={} ResultCode=0810 ResultText={text} \
             signature=valid",
            smile_job_id.as_str().unwrap()
        )
    );
    // The KYC result's personal fields reach the listener but never its output.
    let output = listener.output.lock().unwrap().clone();
    for field in ["FullName", "DOB", "IDNumber"] {
        let value =
            result[field].as_str().unwrap_or_else(|| panic!("result has {field}: {result}"));
        assert!(!output.contains(value), "listener printed {field}:\n{output}");
    }

    // The same body with a signature made with another key.
    let signed = smileid_core::protocol::signature::sign_now("not-the-key", &partner);
    let mut forged = result.clone();
    forged["PartnerParams"]["job_id"] = "forged-job".into();
    forged["signature"] = signed.signature.into();
    forged["timestamp"] = signed.timestamp.into();
    assert_eq!(listener.post(&forged.to_string()), 401);
    assert!(listener.line_with("job_id=forged-job").ends_with("signature=invalid (refused)"));
    assert_eq!(listener.post("{\"ResultCode\":"), 400);
    listener.line_with("refused: not a callback body");
}
