//! Certificate pins as a platform HTTP stack takes them (OkHttp's `CertificatePinner`, a
//! URLSession trust check): per host, the SHA-256 hashes of the public keys a connection may
//! present. Checked here once, so a typo fails at `configure`, not as a pin failure later.

use std::collections::BTreeMap;

use base64::{engine::general_purpose::STANDARD, Engine};

use crate::error::{Error, Result};

/// Hosts (or `*.` / `**.` patterns: one label, any number of labels) to their pins, each
/// `sha256/` followed by the base64 SHA-256 of a certificate's SubjectPublicKeyInfo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificatePins(BTreeMap<String, Vec<String>>);

impl CertificatePins {
    /// Checks every host pattern and pin; the error names the host and says what is wrong.
    pub fn new(pins: BTreeMap<String, Vec<String>>) -> Result<Self> {
        for (host, keys) in &pins {
            check_host(host)?;
            if keys.is_empty() {
                return Err(bad(host, "has no pins: give at least one (and a backup key's)"));
            }
            for key in keys {
                check_pin(host, key)?;
            }
        }
        Ok(CertificatePins(pins))
    }

    /// Whether no host is pinned.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Host patterns and their pins, sorted by host.
    pub fn into_map(self) -> BTreeMap<String, Vec<String>> {
        self.0
    }
}

fn bad(host: &str, reason: &str) -> Error {
    Error::invalid(format!("certificate_pins[{host:?}]"), reason)
}

fn check_host(host: &str) -> Result<()> {
    let name = host.strip_prefix("**.").or_else(|| host.strip_prefix("*.")).unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if name.is_empty() || !name.split('.').all(label_ok) {
        return Err(bad(
            host,
            "is not a host name or pattern: give the bare host (api.example.com), *.example.com \
             (one label) or **.example.com (any labels), without scheme, port or path",
        ));
    }
    Ok(())
}

fn check_pin(host: &str, pin: &str) -> Result<()> {
    let hash = pin.strip_prefix("sha256/").ok_or_else(|| {
        bad(
            host,
            &format!("pin {pin:?} does not start with sha256/: give sha256/ and the base64 hash"),
        )
    })?;
    match STANDARD.decode(hash) {
        Ok(bytes) if bytes.len() == 32 => Ok(()),
        _ => Err(bad(
            host,
            &format!(
                "pin {pin:?} is not a SHA-256 hash in base64 (44 characters after sha256/): \
                 hash the certificate's public key (SubjectPublicKeyInfo), e.g. with openssl \
                 x509 -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary \
                 | base64"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIN: &str = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    fn pins(host: &str, keys: &[&str]) -> Result<CertificatePins> {
        let keys = keys.iter().map(|k| k.to_string()).collect();
        CertificatePins::new(BTreeMap::from([(host.to_string(), keys)]))
    }

    fn reason(e: Error) -> (String, String) {
        match e {
            Error::InvalidInput { field, reason } => (field, reason),
            other => panic!("not invalid input: {other:?}"),
        }
    }

    #[test]
    fn hosts_and_patterns_with_good_pins_pass() {
        for host in
            ["api.smileidentity.com", "*.smileidentity.com", "**.example.co.ke", "localhost"]
        {
            assert!(pins(host, &[PIN]).is_ok(), "{host}");
        }
    }

    #[test]
    fn a_url_for_a_host_is_refused_naming_the_host() {
        let (field, why) = reason(pins("https://api.smileidentity.com/v1", &[PIN]).unwrap_err());
        assert_eq!(field, r#"certificate_pins["https://api.smileidentity.com/v1"]"#);
        assert!(why.contains("without scheme"), "{why}");
        assert!(pins("api.example.com:443", &[PIN]).is_err());
        assert!(pins("*.", &[PIN]).is_err());
    }

    #[test]
    fn malformed_pins_are_refused_saying_how_to_make_one() {
        let (_, why) = reason(pins("a.example", &["sha1/AAAA"]).unwrap_err());
        assert!(why.contains("does not start with sha256/"), "{why}");
        let short = "sha256/AAAA";
        let (_, why) = reason(pins("a.example", &[PIN, short]).unwrap_err());
        assert!(why.contains("44 characters") && why.contains(short), "{why}");
        let (_, why) = reason(pins("a.example", &[]).unwrap_err());
        assert!(why.contains("no pins"), "{why}");
    }
}
