//! Request signatures (HMAC-SHA256 over `timestamp || partner_id || "sid_request"`) and their
//! constant-time verification on responses and callbacks.

use base64::{engine::general_purpose::STANDARD, Engine};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// A signature together with the exact timestamp string it was computed over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signed {
    pub signature: String,
    pub timestamp: String,
}

/// Computes the Smile ID request signature for `timestamp` (kept as an opaque string).
pub fn sign(api_key: &str, partner_id: &str, timestamp: &str) -> String {
    STANDARD.encode(mac(api_key, partner_id, timestamp))
}

/// Checks `signature` against `timestamp` in constant time. A signature that is not valid
/// base64 is simply a mismatch.
pub fn verify(api_key: &str, partner_id: &str, timestamp: &str, signature: &str) -> bool {
    let Ok(given) = STANDARD.decode(signature.trim()) else { return false };
    let expected = mac(api_key, partner_id, timestamp);
    given.len() == expected.len() && bool::from(given.ct_eq(&expected))
}

/// Signs the current time, as the official SDKs do in API-key mode.
pub fn sign_now(api_key: &str, partner_id: &str) -> Signed {
    let timestamp = iso_timestamp_now();
    Signed { signature: sign(api_key, partner_id, &timestamp), timestamp }
}

/// ISO-8601 UTC with milliseconds and `Z`, the format the mobile SDKs send.
pub fn iso_timestamp_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    now.format(&format).expect("UTC timestamps always format")
}

fn mac(api_key: &str, partner_id: &str, timestamp: &str) -> Vec<u8> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(api_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.as_bytes());
    mac.update(partner_id.as_bytes());
    mac.update(b"sid_request");
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: &[(&str, &str, &str, &str)] = &[
        (
            "2023-03-09T21:35:00.279Z",
            "partner",
            "apikey",
            "+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ=",
        ),
        (
            "2024-01-01T00:00:00.000Z",
            "001",
            "test_api_key",
            "rm1dehBScD3QnDidkLHTcarGT+s3zMSP0s5ljQ64TrE=",
        ),
        (
            "2025-06-15T12:34:56.789Z",
            "2343",
            "sandbox-secret-key",
            "kULsB7RfCvdufLkTsYnpXbrmdPkyXZIOKtWy+71Hzsg=",
        ),
        (
            "1678216434434",
            "2343",
            "sandbox-secret-key",
            "j6DDklvGaERVXqLYvBaGjUd5eG1IIP4cMTpCHzPnycU=",
        ),
        (
            "2018-01-01T00:00:00.000+00:00",
            "001",
            "key",
            "jMDn3DDqVIzXEFiA0vendVIrIAnHrJq//x/emb9Nfa0=",
        ),
    ];

    #[test]
    fn protocol_test_vectors() {
        for (timestamp, partner, key, expected) in VECTORS {
            assert_eq!(sign(key, partner, timestamp), *expected, "vector {timestamp}");
            assert!(verify(key, partner, timestamp, expected));
        }
    }

    #[test]
    fn rejects_tampering() {
        let (ts, partner, key, good) = VECTORS[0];
        assert!(!verify(key, partner, "2023-03-09T21:35:00.280Z", good));
        assert!(!verify("other", partner, ts, good));
        assert!(!verify(key, "partner2", ts, good));
        assert!(!verify(key, partner, ts, "not base64!"));
        assert!(!verify(key, partner, ts, &good[..good.len() - 4]));
        assert!(!verify(key, partner, ts, ""));
    }

    #[test]
    fn timestamp_format() {
        let ts = iso_timestamp_now();
        assert_eq!(ts.len(), 24, "{ts}");
        assert!(ts.ends_with('Z') && ts.as_bytes()[10] == b'T' && ts.as_bytes()[19] == b'.');
    }
}
