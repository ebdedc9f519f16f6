//! `smileid callbacks listen`: a receiver for the results Smile ID POSTs to a job's
//! `callback_url`. Each POST's signature is checked in constant time with the partner's API key
//! (`smileid_core::verify_callback`); one line per callback reports the job ids, ResultCode,
//! ResultText and whether the signature held, never the personal fields of a KYC result.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::Router;
use clap::{Args, Subcommand};
use smileid_core::{verify_callback, Error, JobResult, Result};
use smileid_sandbox::{DEFAULT_API_KEY, DEFAULT_PARTNER_ID};

#[derive(Subcommand)]
pub enum CallbacksCommand {
    /// Receive callbacks over HTTP until interrupted: 200 for a verified one, 401 for a bad
    /// signature, 400 for a body that is not a callback.
    Listen(ListenArgs),
}

#[derive(Args)]
pub struct ListenArgs {
    /// Address to listen on (0.0.0.0 to accept callbacks from other machines).
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on; 0 picks a free one (read it from the CALLBACKS_READY line).
    #[arg(long, default_value_t = 8790)]
    port: u16,
    /// Partner id the signatures are made for (default: the sandbox's development partner).
    #[arg(long, env = "SMILEID_PARTNER_ID", default_value = DEFAULT_PARTNER_ID)]
    partner_id: String,
    /// API key the signatures are made with (default: the sandbox's development key).
    #[arg(long, env = "SMILEID_API_KEY", default_value = DEFAULT_API_KEY, hide_env_values = true)]
    api_key: String,
}

pub async fn run(command: CallbacksCommand) -> Result<()> {
    let CallbacksCommand::Listen(args) = command;
    let addr = SocketAddr::new(args.host, args.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Network(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr().map_err(|e| Error::Network(e.to_string()))?;
    let url = format!("http://{local}/");
    println!("Listening for Smile ID callbacks on {url} (partner {})", args.partner_id);
    println!("CALLBACKS_READY {}", serde_json::json!({ "url": url }));
    let ListenArgs { partner_id, api_key, .. } = args;
    // Any path: the callback URL given to a job may have one.
    let app = Router::new().fallback(move |method: Method, body: Bytes| {
        let verdict = receive(&method, &api_key, &partner_id, &body);
        println!("{}", verdict.line);
        std::future::ready(verdict.status)
    });
    axum::serve(listener, app).await.map_err(|e| Error::Network(e.to_string()))
}

/// What one request gets: the HTTP status and the line printed for it.
struct Verdict {
    status: StatusCode,
    line: String,
}

fn receive(method: &Method, api_key: &str, partner_id: &str, body: &[u8]) -> Verdict {
    if method != Method::POST {
        let line = format!("refused: {method} (callbacks are POSTs)");
        return Verdict { status: StatusCode::METHOD_NOT_ALLOWED, line };
    }
    match verify_callback(api_key, partner_id, body) {
        Ok(result) => Verdict { status: StatusCode::OK, line: verified_line(&result) },
        Err(Error::SignatureMismatch(_)) => Verdict {
            status: StatusCode::UNAUTHORIZED,
            line: format!("callback {} signature=invalid (refused)", ids(body)),
        },
        Err(e) => Verdict {
            status: StatusCode::BAD_REQUEST,
            line: format!("refused: not a callback body ({e})"),
        },
    }
}

/// The verified callback's line: ids and outcome, no personal field.
fn verified_line(result: &JobResult) -> String {
    let job_id = result.partner_params.get("job_id").map_or("-", String::as_str);
    format!(
        "callback job_id={job_id} SmileJobID={} ResultCode={} ResultText={:?} signature=valid",
        result.smile_job_id, result.result_code, result.result_text
    )
}

/// The ids a refused body claims, for the log line (they are not trusted).
fn ids(body: &[u8]) -> String {
    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    format!(
        "job_id={} SmileJobID={}",
        text(&json["PartnerParams"]["job_id"]),
        text(&json["SmileJobID"])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use smileid_core::protocol::signature::sign_now;

    fn body(signature: &str, timestamp: &str) -> Vec<u8> {
        serde_json::json!({
            "ResultCode": "0810", "ResultText": "ID Number Validated", "SmileJobID": "0000000007",
            "PartnerParams": { "job_id": "job-7", "user_id": "u-7" },
            "FullName": "Ada Obi", "IDNumber": "00000000000", "DOB": "1990-01-01",
            "signature": signature, "timestamp": timestamp,
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn verified_callbacks_print_ids_and_outcome_but_no_personal_field() {
        let signed = sign_now("key", "2343");
        let verdict =
            receive(&Method::POST, "key", "2343", &body(&signed.signature, &signed.timestamp));
        assert_eq!(verdict.status, StatusCode::OK);
        assert_eq!(
            verdict.line,
            "callback job_id=job-7 SmileJobID=0000000007 ResultCode=0810 \
             ResultText=\"ID Number Validated\" signature=valid"
        );
        for personal in ["Ada", "Obi", "00000000000", "1990"] {
            assert!(!verdict.line.contains(personal), "{}", verdict.line);
        }
    }

    #[test]
    fn forged_malformed_and_non_post_requests_are_refused() {
        let signed = sign_now("other-key", "2343");
        let forged =
            receive(&Method::POST, "key", "2343", &body(&signed.signature, &signed.timestamp));
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            forged.line,
            "callback job_id=job-7 SmileJobID=0000000007 signature=invalid (refused)"
        );
        let malformed = receive(&Method::POST, "key", "2343", b"not json");
        assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            receive(&Method::GET, "key", "2343", b"").status,
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}
