//! Receiving results that Smile ID POSTs to the partner's callback URL.

use crate::error::{Error, Result};
use crate::result::JobResult;
use crate::signature;

/// Parses a callback body and checks its `signature` over its `timestamp` with the partner's
/// API key (constant time). Run this on the partner's server, which holds the key.
pub fn verify_callback(api_key: &str, partner_id: &str, body: &[u8]) -> Result<JobResult> {
    let json: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Error::InvalidResponse(format!("callback body is not JSON: {e}")))?;
    let field = |key: &str| json.get(key).and_then(|v| v.as_str()).unwrap_or_default();
    if !signature::verify(api_key, partner_id, field("timestamp"), field("signature")) {
        return Err(Error::SignatureMismatch(
            "callback signature does not match its timestamp".into(),
        ));
    }
    JobResult::from_json(&json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_signed_and_rejects_forged() {
        let signed = signature::sign_now("key", "2343");
        let body = serde_json::json!({
            "ResultCode": "0840", "ResultText": "Enroll User", "SmileJobID": "0000000001",
            "timestamp": signed.timestamp, "signature": signed.signature,
        })
        .to_string();
        assert_eq!(verify_callback("key", "2343", body.as_bytes()).unwrap().result_code, "0840");
        assert_eq!(
            verify_callback("other", "2343", body.as_bytes()).unwrap_err().code(),
            "signature_mismatch"
        );
        assert_eq!(
            verify_callback("key", "2344", body.as_bytes()).unwrap_err().code(),
            "signature_mismatch"
        );
        let unsigned = r#"{"ResultCode":"0840","ResultText":"x","SmileJobID":"1"}"#;
        assert_eq!(
            verify_callback("key", "2343", unsigned.as_bytes()).unwrap_err().code(),
            "signature_mismatch"
        );
        assert_eq!(verify_callback("key", "2343", b"{").unwrap_err().code(), "invalid_response");
    }
}
