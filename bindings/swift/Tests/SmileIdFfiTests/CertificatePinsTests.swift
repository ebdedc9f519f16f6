import Foundation
import SmileIdTestSupport
import XCTest

@testable import SmileIdFfi

/// URLSessionTransport's pins: host patterns matched as OkHttp matches them, and the
/// SubjectPublicKeyInfo rebuilt from a key as Apple's Security framework exports it, byte for
/// byte the one `openssl` makes (its SHA-256 is the pin; the hashing itself runs on Apple only).
final class CertificatePinsTests: XCTestCase {
    private let pinA = "sha256/" + String(repeating: "A", count: 43) + "="
    private let pinB = "sha256/" + String(repeating: "B", count: 43) + "="

    func testHostPatternsMatchOneLabelAnyLabelsOrTheHostItself() throws {
        let pins = try CertificatePins([
            "api.example.com": [pinA], "*.example.com": [pinB], "**.example.org": [pinA],
        ])
        XCTAssertEqual(pins.pins(for: "API.example.com"), [pinA, pinB])
        XCTAssertEqual(pins.pins(for: "x.example.com"), [pinB])
        XCTAssertEqual(pins.pins(for: "a.b.example.com"), [])
        XCTAssertEqual(pins.pins(for: "example.com"), [])
        XCTAssertEqual(pins.pins(for: "example.org"), [pinA])
        XCTAssertEqual(pins.pins(for: "a.b.example.org"), [pinA])
        XCTAssertEqual(pins.pins(for: "badexample.org"), [])
    }

    func testMalformedPatternsAndPinsAreRefusedNamingTheHost() {
        for (host, keys) in [
            ("api.example.com:443", [pinA]), ("*.", [pinA]), ("a..b", [pinA]),
            ("api.example.com", []), ("api.example.com", ["sha256/AAAA"]),
        ] {
            XCTAssertThrowsError(try CertificatePins([host: keys])) {
                XCTAssertEqual(($0 as? CertificatePinError)?.host, host)
            }
        }
    }

    func testPublicKeyInfoOfRSAAndECKeysIsOpenSSLs() throws {
        for bits in [2048, 4096] {
            let (info, key) = try newRSAPublicKey(bits: bits)
            XCTAssertEqual(subjectPublicKeyInfo(.rsa, key: key), info, "RSA \(bits)")
        }
        for bits in [256, 384, 521] {
            let (info, key) = try newECPublicKey(bits: bits)
            XCTAssertEqual(subjectPublicKeyInfo(.ecPrime(bits: bits), key: key), info, "P-\(bits)")
        }
        XCTAssertNil(subjectPublicKeyInfo(.ecPrime(bits: 224), key: Data([4])))
    }
}
