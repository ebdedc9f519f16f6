//! HTTPS with the generated self-signed certificate.

mod common;

use common::*;
use reqwest::StatusCode;
use smileid_sandbox::SandboxConfig;

#[tokio::test]
async fn https_with_the_written_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let config =
        SandboxConfig { tls: true, tls_dir: Some(dir.path().to_path_buf()), ..test_config() };
    let sandbox = smileid_sandbox::start(config.clone()).await.unwrap();
    assert!(sandbox.base_url().starts_with("https://127.0.0.1:"), "{}", sandbox.base_url());
    let cert_path = sandbox.ca_cert_path().expect("certificate path").to_path_buf();
    assert_eq!(cert_path, dir.path().join("cert.pem"));
    let pem = std::fs::read(&cert_path).unwrap();
    assert_eq!(Some(std::str::from_utf8(&pem).unwrap()), sandbox.ca_cert_pem());

    let trusting = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    for host in ["127.0.0.1", "localhost"] {
        let url = format!("https://{host}:{}/v1/services", sandbox.port());
        let response = trusting.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert!(response.json::<serde_json::Value>().await.unwrap()["hosted_web"]["biometric_kyc"]
            ["NG"]
            .is_object());
    }
    // Without the certificate the handshake is refused: this is real TLS.
    let untrusting = reqwest::Client::new();
    assert!(untrusting.get(format!("{}/services", sandbox.base_url())).send().await.is_err());
    sandbox.shutdown().await;

    // A restart on the same directory keeps the certificate clients already trust.
    let again = smileid_sandbox::start(config).await.unwrap();
    assert_eq!(again.ca_cert_pem().map(str::as_bytes), Some(pem.as_slice()));
    again.shutdown().await;
}

#[tokio::test]
async fn plain_http_has_no_certificate() {
    let sandbox = smileid_sandbox::start(test_config()).await.unwrap();
    assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
    assert!(sandbox.ca_cert_path().is_none() && sandbox.ca_cert_pem().is_none());
    sandbox.shutdown().await;
}
