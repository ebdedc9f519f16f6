import Foundation

// Public keys and certificate pins as the `openssl` tool makes them, to check the library's own.

/// The DER SubjectPublicKeyInfo of the certificate in the PEM file at `path`.
public func subjectPublicKeyInfo(certificatePem path: String) throws -> Data {
    let key = try runTool("openssl", ["x509", "-in", path, "-pubkey", "-noout"])
    return try runTool("openssl", ["pkey", "-pubin", "-outform", "der"], input: key)
}

/// The pin of the certificate in the PEM file at `path`: `sha256/` and the base64 SHA-256 of its
/// SubjectPublicKeyInfo, as OkHttp's CertificatePinner makes it.
public func certificatePin(certificatePem path: String) throws -> String {
    let info = try subjectPublicKeyInfo(certificatePem: path)
    let hash = try runTool("openssl", ["dgst", "-sha256", "-binary"], input: info)
    return "sha256/" + hash.base64EncodedString()
}

/// A new RSA key's public half: its DER SubjectPublicKeyInfo, and the key as Apple's Security
/// framework exports it (the PKCS #1 RSAPublicKey).
public func newRSAPublicKey(bits: Int) throws -> (info: Data, key: Data) {
    let info = try publicKeyInfo(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)"])
    let key = try runTool(
        "openssl", ["rsa", "-pubin", "-inform", "der", "-RSAPublicKey_out", "-outform", "der"],
        input: info)
    return (info, key)
}

/// A new key's public half on the NIST curve P-`bits`: its DER SubjectPublicKeyInfo, and the key
/// as Apple's Security framework exports it (the uncompressed point, which ends the structure).
public func newECPublicKey(bits: Int) throws -> (info: Data, key: Data) {
    let info = try publicKeyInfo(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-\(bits)"])
    return (info, info.suffix(1 + 2 * ((bits + 7) / 8)))
}

private func publicKeyInfo(_ genpkey: [String]) throws -> Data {
    let pair = try runTool("openssl", ["genpkey"] + genpkey)
    return try runTool("openssl", ["pkey", "-pubout", "-outform", "der"], input: pair)
}
