//! HTTPS with a self-signed certificate for `localhost` and `127.0.0.1` (rcgen), served by
//! rustls with the ring provider. The certificate is written to `cert.pem` (and its key to
//! `key.pem`) so clients can trust it, e.g. `NODE_EXTRA_CA_CERTS=<dir>/cert.pem`. A directory
//! that already holds both files is reused, so a client's trust survives restarts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tempfile::TempDir;
use tokio_rustls::TlsAcceptor;

use crate::errors::SandboxError;

/// The acceptor and where its certificate lives.
pub(crate) struct Tls {
    pub acceptor: TlsAcceptor,
    pub cert_pem: String,
    pub cert_path: PathBuf,
    /// Holds a temporary directory alive when none was given.
    _temp_dir: Option<TempDir>,
}

fn tls_error(context: &str, e: impl std::fmt::Display) -> SandboxError {
    SandboxError::Tls(format!("{context}: {e}"))
}

/// Loads or creates the certificate in `dir` (a temporary directory if `None`).
pub(crate) fn setup(dir: Option<&Path>) -> Result<Tls, SandboxError> {
    let temp_dir = match dir {
        Some(_) => None,
        None => Some(tempfile::tempdir().map_err(|e| tls_error("temporary directory", e))?),
    };
    let dir = dir.or(temp_dir.as_ref().map(TempDir::path)).expect("one of the two is set");
    std::fs::create_dir_all(dir)
        .map_err(|e| tls_error(&format!("creating {}", dir.display()), e))?;
    let (cert_path, key_path) = (dir.join("cert.pem"), dir.join("key.pem"));
    if !(cert_path.exists() && key_path.exists()) {
        write_new_certificate(&cert_path, &key_path)?;
    }
    let cert_pem = std::fs::read_to_string(&cert_path)
        .map_err(|e| tls_error(&format!("reading {}", cert_path.display()), e))?;
    let cert = CertificateDer::from_pem_slice(cert_pem.as_bytes())
        .map_err(|e| tls_error("cert.pem", e))?;
    let key = PrivateKeyDer::from_pem_file(&key_path).map_err(|e| tls_error("key.pem", e))?;
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| tls_error("protocol versions", e))?
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .map_err(|e| tls_error("certificate", e))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        cert_pem,
        cert_path,
        _temp_dir: temp_dir,
    })
}

fn write_new_certificate(cert_path: &Path, key_path: &Path) -> Result<(), SandboxError> {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .map_err(|e| tls_error("generating the certificate", e))?;
    write_private(key_path, certified.signing_key.serialize_pem().as_bytes())?;
    std::fs::write(cert_path, certified.cert.pem())
        .map_err(|e| tls_error(&format!("writing {}", cert_path.display()), e))
}

/// Writes the key readable by its owner only.
fn write_private(path: &Path, contents: &[u8]) -> Result<(), SandboxError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(path).map_err(|e| tls_error(&format!("writing {}", path.display()), e))?;
    file.write_all(contents).map_err(|e| tls_error(&format!("writing {}", path.display()), e))
}
