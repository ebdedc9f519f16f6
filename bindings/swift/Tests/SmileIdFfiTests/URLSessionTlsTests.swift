import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

#if canImport(Security)
    import Security
#endif

/// Jobs through URLSession to the sandbox over https: refused without its CA; on Apple platforms
/// trusted through it, with a certificate pin that matches the server's key and one that does
/// not; on Linux, where URLSession cannot pin, pins are refused when the transport is made.
final class URLSessionTlsTests: SandboxTestCase {
    override class var processingDelayMs: Int { 50 }
    override class var tls: Bool { true }

    private var certificatePath: String { sandbox.caCertPath ?? "" }

    /// One enrolment and authentication through `transport`, one attempt per step.
    private func enrol(_ transport: HttpTransport) async throws {
        let (store, tag) = try photoTag()
        let config = sandbox.config(retry: noRetry, transport: transport)
        try await enrolThenAuthenticate(SmileIdClient(config: config, tags: store), tag: tag)
    }

    func testAnUntrustedCertificateIsANetworkErrorNamingTheFixAndIsNotRetried() async throws {
        XCTAssertTrue(sandbox.baseUrl.hasPrefix("https://"), sandbox.baseUrl)
        let transport = ObservedTransport(try URLSessionTransport())
        let (store, tag) = try photoTag()
        // The default retry policy: a refused certificate is not retried all the same.
        let client = try SmileIdClient(config: sandbox.config(transport: transport), tags: store)
        let error = await expectError("Network", code: "network", field: nil) {
            _ = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 0))
        }
        let detail = error?.errorDetail() ?? ""
        XCTAssertTrue(detail.contains("TLS certificate not trusted"), detail)
        XCTAssertEqual(transport.requests, ["POST /v1/upload"])
        XCTAssertEqual(transport.failures.count, 1, "\(transport.failures)")
    }

    func testAMalformedPinIsRefusedNamingTheHost() throws {
        XCTAssertThrowsError(try URLSessionTransport(pins: ["127.0.0.1": ["sha1/AAAA"]])) {
            XCTAssertTrue("\($0)".contains("certificate_pins[\"127.0.0.1\"]"), "\($0)")
        }
        XCTAssertThrowsError(try URLSessionTransport(pins: ["https://127.0.0.1": []])) {
            XCTAssertTrue("\($0)".contains("without scheme"), "\($0)")
        }
    }

    #if canImport(Security)
        /// URLSession trusting the sandbox's certificate, besides the system's roots.
        private func trusting(pins: [String: [String]] = [:]) throws -> URLSessionTransport {
            let pem = try String(contentsOfFile: certificatePath, encoding: .utf8)
            let base64 = pem.components(separatedBy: "\n").filter { !$0.hasPrefix("-----") }
            let der = try XCTUnwrap(Data(base64Encoded: base64.joined()))
            let certificate = try XCTUnwrap(SecCertificateCreateWithData(nil, der as CFData))
            return try URLSessionTransport(pins: pins, anchors: [certificate])
        }

        func testHttpsThroughTheSandboxCAWithAMatchingPin() async throws {
            try await enrol(trusting())
            let pin = try certificatePin(certificatePem: certificatePath)
            try await enrol(trusting(pins: ["127.0.0.1": [pin]]))
            try await enrol(trusting(pins: ["**.0.0.1": [pin], "example.com": [pin]]))
        }

        func testAPinThatDoesNotMatchIsANetworkErrorSayingSo() async throws {
            let wrong = "sha256/" + String(repeating: "A", count: 43) + "="
            let transport = try trusting(pins: ["127.0.0.1": [wrong]])
            let error = await expectError("Network", code: "network", field: nil) {
                try await self.enrol(transport)
            }
            let detail = error?.errorDetail() ?? ""
            XCTAssertTrue(detail.contains("certificate pin failed"), detail)
        }
    #else
        func testPinsAreRefusedOnLinuxWhereURLSessionCannotCheckThem() throws {
            let pin = try certificatePin(certificatePem: certificatePath)
            XCTAssertThrowsError(try URLSessionTransport(pins: ["127.0.0.1": [pin]])) {
                XCTAssertTrue("\($0)".contains("certificate pins cannot be enforced"), "\($0)")
                XCTAssertEqual(($0 as? CertificatePinError)?.host, "127.0.0.1")
            }
        }
    #endif
}
