//! Pre-signed URLs in the manner of S3: the path names the object, `Expires` (unix seconds) and
//! `Signature` (HMAC of path and expiry with a sandbox secret) in the query authorise it. Used
//! for zip upload URLs and image links.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Why a pre-signed request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PresignError {
    /// `Expires` or `Signature` is missing or malformed.
    Malformed,
    /// The signature does not match the path and expiry.
    BadSignature,
    /// The URL has expired.
    Expired,
}

pub(crate) struct Presigner {
    secret: Vec<u8>,
    ttl: Duration,
}

impl Presigner {
    pub fn new(secret: Vec<u8>, ttl: Duration) -> Self {
        Presigner { secret, ttl }
    }

    /// The query string (`Expires=..&Signature=..`) that authorises `path` for the TTL.
    pub fn query(&self, path: &str) -> String {
        let expires = unix_now() + self.ttl.as_secs();
        format!(
            "Expires={expires}&Signature={}",
            URL_SAFE_NO_PAD.encode(self.mac(path, expires).finalize().into_bytes())
        )
    }

    /// Checks the `Expires` and `Signature` query values for `path`.
    pub fn verify(
        &self,
        path: &str,
        expires: Option<&str>,
        signature: Option<&str>,
    ) -> Result<(), PresignError> {
        let expires: u64 = expires.and_then(|e| e.parse().ok()).ok_or(PresignError::Malformed)?;
        let signature = signature
            .and_then(|s| URL_SAFE_NO_PAD.decode(s).ok())
            .ok_or(PresignError::Malformed)?;
        self.mac(path, expires).verify_slice(&signature).map_err(|_| PresignError::BadSignature)?;
        // Checked after the signature, so a forged Expires cannot extend a URL.
        if unix_now() >= expires {
            return Err(PresignError::Expired);
        }
        Ok(())
    }

    fn mac(&self, path: &str, expires: u64) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(path.as_bytes());
        mac.update(b"\n");
        mac.update(expires.to_string().as_bytes());
        mac
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(query: &str) -> (String, String) {
        let mut it = query.split('&').map(|kv| kv.split_once('=').unwrap().1.to_string());
        (it.next().unwrap(), it.next().unwrap())
    }

    #[test]
    fn round_trip_and_tampering() {
        let p = Presigner::new(b"secret".to_vec(), Duration::from_secs(60));
        let (expires, sig) = parts(&p.query("/uploads/a/selfie.zip"));
        assert_eq!(p.verify("/uploads/a/selfie.zip", Some(&expires), Some(&sig)), Ok(()));
        assert_eq!(
            p.verify("/uploads/b/selfie.zip", Some(&expires), Some(&sig)),
            Err(PresignError::BadSignature)
        );
        let later = (expires.parse::<u64>().unwrap() + 1).to_string();
        assert_eq!(
            p.verify("/uploads/a/selfie.zip", Some(&later), Some(&sig)),
            Err(PresignError::BadSignature)
        );
        assert_eq!(
            p.verify("/uploads/a/selfie.zip", None, Some(&sig)),
            Err(PresignError::Malformed)
        );
        let expired = Presigner::new(b"secret".to_vec(), Duration::ZERO);
        let (expires, sig) = parts(&expired.query("/x"));
        assert_eq!(expired.verify("/x", Some(&expires), Some(&sig)), Err(PresignError::Expired));
    }
}
