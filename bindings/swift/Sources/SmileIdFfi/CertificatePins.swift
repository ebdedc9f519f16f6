// Certificate pins for URLSessionTransport, in OkHttp's form: host or `*.` / `**.` pattern to
// `sha256/` + the base64 SHA-256 of a certificate's SubjectPublicKeyInfo. The checks of the server
// certificate itself (SecTrust) exist on Apple platforms only: FoundationNetworking on Linux
// (libcurl) never shows the server's certificate to the app, so pins cannot be enforced there.

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Security)
    import CryptoKit
    import Security
#endif

/// Why a `URLSessionTransport` cannot be made with these pins: a malformed host pattern or pin,
/// or pins on a platform that cannot enforce them (Linux).
public struct CertificatePinError: Error, CustomStringConvertible {
    /// The host pattern concerned.
    public let host: String
    public let description: String
}

/// Hosts (or patterns) to the pins a connection to them must present one of.
struct CertificatePins {
    private let byPattern: [(pattern: String, pins: Set<String>)]

    var isEmpty: Bool { byPattern.isEmpty }

    /// Checks every host pattern and pin; the error names the host and what is wrong.
    init(_ pins: [String: [String]]) throws {
        byPattern = try pins.sorted { $0.key < $1.key }.map { host, keys in
            let pattern = host.lowercased()
            guard Self.isHostPattern(pattern) else {
                throw CertificatePinError(
                    host: host,
                    description: "certificate_pins[\"\(host)\"] is not a host name or pattern: "
                        + "give the bare host (api.example.com), *.example.com (one label) or "
                        + "**.example.com (any labels), without scheme, port or path")
            }
            guard !keys.isEmpty else {
                throw CertificatePinError(
                    host: host, description: "certificate_pins[\"\(host)\"] has no pins")
            }
            for key in keys where !Self.isPin(key) {
                throw CertificatePinError(
                    host: host,
                    description: "certificate_pins[\"\(host)\"]: \(key) is not sha256/ and the "
                        + "base64 SHA-256 of a SubjectPublicKeyInfo (44 characters)")
            }
            return (pattern, Set(keys))
        }
    }

    private static func isHostPattern(_ pattern: String) -> Bool {
        var name = Substring(pattern)
        if name.hasPrefix("**.") {
            name = name.dropFirst(3)
        } else if name.hasPrefix("*.") {
            name = name.dropFirst(2)
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "-" || isAlnum($0)) }
        }
    }

    private static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    private static func isPin(_ key: String) -> Bool {
        guard key.hasPrefix("sha256/") else { return false }
        return Data(base64Encoded: String(key.dropFirst("sha256/".count)))?.count == 32
    }

    /// The pins of every pattern that matches `host`, as OkHttp's CertificatePinner matches
    /// them: `*.` one label, `**.` any number of labels (none included).
    func pins(for host: String) -> Set<String> {
        let host = host.lowercased()
        var found = Set<String>()
        for (pattern, pins) in byPattern where Self.matches(pattern, host) {
            found.formUnion(pins)
        }
        return found
    }

    private static func matches(_ pattern: String, _ host: String) -> Bool {
        if pattern.hasPrefix("**.") {
            let suffix = pattern.dropFirst(3)
            return host == suffix || host.hasSuffix("." + suffix)
        }
        if pattern.hasPrefix("*.") {
            let suffix = pattern.dropFirst(1)  // ".example.com"
            let label = host.dropLast(suffix.count)
            return host.hasSuffix(suffix) && !label.isEmpty && !label.contains(".")
        }
        return host == pattern
    }
}

/// The kinds of public key a certificate may hold, as SubjectPublicKeyInfo names them.
enum PublicKeyAlgorithm {
    case rsa
    /// An elliptic curve key on P-256, P-384 or P-521 (by its size in bits).
    case ecPrime(bits: Int)

    /// The DER AlgorithmIdentifier; nil for a curve without one here.
    fileprivate var identifier: [UInt8]? {
        switch self {
        case .rsa:  // rsaEncryption, NULL parameters
            return der(
                0x30,
                [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00])
        case .ecPrime(let bits):  // id-ecPublicKey and the named curve
            let curves: [Int: [UInt8]] = [
                256: [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
                384: [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
                521: [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23],
            ]
            guard let curve = curves[bits] else { return nil }
            return der(0x30, [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01] + curve)
        }
    }
}

/// The DER SubjectPublicKeyInfo of a key given as Security's external representation (RSA:
/// the PKCS #1 RSAPublicKey; EC: the uncompressed point), which is what pins hash.
func subjectPublicKeyInfo(_ algorithm: PublicKeyAlgorithm, key: Data) -> Data? {
    guard let identifier = algorithm.identifier else { return nil }
    return Data(der(0x30, identifier + der(0x03, [0x00] + [UInt8](key))))
}

/// One DER element: tag, length, content.
private func der(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
    var length = [UInt8]()
    if content.count < 0x80 {
        length = [UInt8(content.count)]
    } else {
        var n = content.count
        while n > 0 {
            length.insert(UInt8(n & 0xff), at: 0)
            n >>= 8
        }
        length.insert(0x80 | UInt8(length.count), at: 0)
    }
    return [tag] + length + content
}

#if canImport(Security)
    /// What a connection's server certificate must pass: the system's evaluation (trusting
    /// `anchors` too), then the host's pins.
    struct ServerTrustPolicy {
        let pins: CertificatePins
        let anchors: [SecCertificate]

        /// Whether the system's default handling is all there is to do.
        var isDefault: Bool { pins.isEmpty && anchors.isEmpty }

        /// nil when `trust` passes for `host`, else why not.
        func refusal(_ trust: SecTrust, host: String) -> TransportError? {
            if !anchors.isEmpty {
                SecTrustSetAnchorCertificates(trust, anchors as CFArray)
                SecTrustSetAnchorCertificatesOnly(trust, false)
            }
            var error: CFError?
            guard SecTrustEvaluateWithError(trust, &error) else {
                let why = error.map { CFErrorCopyDescription($0) as String }
                return .UntrustedCertificate(detail: why ?? "the system does not trust it")
            }
            let wanted = pins.pins(for: host)
            guard !wanted.isEmpty else { return nil }
            let chain = (SecTrustCopyCertificateChain(trust) as? [SecCertificate]) ?? []
            let presented = chain.compactMap(pin)
            if presented.contains(where: wanted.contains) { return nil }
            return .PinMismatch(
                detail: "the certificate chain's keys are \(presented.joined(separator: ", "))")
        }
    }

    /// `sha256/` and the base64 SHA-256 of the certificate's SubjectPublicKeyInfo.
    private func pin(_ certificate: SecCertificate) -> String? {
        guard let key = SecCertificateCopyKey(certificate),
            let raw = SecKeyCopyExternalRepresentation(key, nil) as Data?,
            let attributes = SecKeyCopyAttributes(key) as? [String: Any],
            let type = attributes[kSecAttrKeyType as String] as? String,
            let bits = attributes[kSecAttrKeySizeInBits as String] as? Int
        else { return nil }
        let algorithm: PublicKeyAlgorithm
        switch type {
        case kSecAttrKeyTypeRSA as String: algorithm = .rsa
        case kSecAttrKeyTypeECSECPrimeRandom as String: algorithm = .ecPrime(bits: bits)
        default: return nil
        }
        guard let info = subjectPublicKeyInfo(algorithm, key: raw) else { return nil }
        return "sha256/" + Data(SHA256.hash(data: info)).base64EncodedString()
    }
#endif
