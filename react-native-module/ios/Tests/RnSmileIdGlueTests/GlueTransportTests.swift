import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import RnSmileIdGlue

/// The module's requests go through the platform's URLSession (RnSmileIdPlatform.httpTransport),
/// and `configure`'s certificate pins reach it. scripts/test-swift runs these again on the mobile
/// build of the library, which has no HTTP stack of its own: there a job only runs through it.
final class GlueTransportTests: GlueTestCase {
    override class var processingDelayMs: Int { 50 }

    func testTheModuleHandsTheBridgeAURLSessionTransport() {
        let platform = RnSmileIdPlatform { _, _ in }
        XCTAssertTrue(platform.httpTransport(certificatePins: [:]) is URLSessionTransport)
    }

    func testAJobRunsThroughThePlatformTransport() async throws {
        let glue = try await configured(tag: "obama")
        let enrol =
            try await glue.ok(
                "submitJob",
                [["tag": "obama", "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]])
            as? [String: Any]
        XCTAssertEqual(enrol?["ResultCode"] as? String, "0840")
    }

    private let pin = "sha256/" + String(repeating: "A", count: 43) + "="

    #if canImport(Security)
        /// Pins apply to https connections to their hosts; this job goes to another host.
        func testConfigureWithPinsHandsThemToURLSession() async throws {
            let glue = try GlueHost()
            let pins = ["certificatePins": ["api.example.com": [pin]]]
            _ = try await glue.ok("configure", sandbox.configuration(pins))
            _ = try await glue.ok(
                "captureSelfieFromFiles", ["selfie": TestEnv.face("obama_1.jpg").path, "tag": "a"])
            let enrol =
                try await glue.ok(
                    "submitJob", [["tag": "a", "jobType": 4, "jobStatusPollingTimeoutMillis": 0]])
                as? [String: Any]
            XCTAssertNotNil(enrol?["jobId"] as? String)
        }
    #else
        func testConfigureWithPinsIsRefusedOnLinuxWhereURLSessionCannotCheckThem() async throws {
            let glue = try GlueHost()
            let pins = ["certificatePins": ["127.0.0.1": [pin]]]
            let refused = await glue.call("configure", sandbox.configuration(pins))
            let error = expectError("invalid_input", field: "certificate_pins", refused)
            let message = error["message"] as? String ?? ""
            XCTAssertTrue(message.contains("pinning needs the platform's HTTP stack"), message)
        }
    #endif
}
