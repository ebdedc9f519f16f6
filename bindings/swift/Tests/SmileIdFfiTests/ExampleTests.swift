import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import SmileIdExample

/// Example.swift (the code bindings/README.md shows) runs against the sandbox.
final class ExampleTests: SandboxTestCase {
    override func tearDown() {
        setLogger(logger: nil, level: .info)
        super.tearDown()
    }

    func testEnrol() async throws {
        let result = try await enrol(
            baseUrl: sandbox.baseUrl, partnerId: sandbox.partnerId, apiKey: sandbox.apiKey,
            photo: TestEnv.face("obama_1.jpg"), folder: try makeTempDirectory("example")
        )
        XCTAssertEqual(result.status.result?.resultCode, "0840")
        XCTAssertEqual(result.userId, "user-1")
    }

    func testEnrolAuthenticateVerifyLogsEachJob() async throws {
        let logger = RecordingLogger()
        try await enrolAuthenticateVerify(
            baseUrl: sandbox.baseUrl, partnerId: sandbox.partnerId, apiKey: sandbox.apiKey,
            userId: "user-2",
            photo: TestEnv.face("obama_2.jpg"), idCard: TestEnv.face("grace_hopper.jpg"),
            folder: try makeTempDirectory("example"), logger: logger
        )
        XCTAssertEqual(
            logger.records.filter { $0.message.hasPrefix("uploaded") }.count, 3, "\(logger.records)"
        )
    }

    func testCancellableJobKeepsTheTag() async throws {
        let (store, tag) = try photoTag()
        let before = try store.images(tag: tag)
        let client = try client(store, keepTags: false)
        await cancellableJob(client: client, tag: tag)
        XCTAssertEqual(try store.images(tag: tag), before)

        let screen = jobOfAScreen(client: client, tag: tag)
        screen.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) { _ = try await screen.value }
        XCTAssertEqual(try store.images(tag: tag), before)
    }

    func testCameraFramesMakeATag() throws {
        let session = try CaptureSession(store: try tempStore(), tag: "example", options: nil)
        var last: Guidance?
        for i in 0..<40 where last != .done(tag: "example") {
            last = process(
                session: session, bgra: TestFrames.bgraPortrait,
                bytesPerRow: TestFrames.bgraRowStride,
                width: TestFrames.width, height: TestFrames.height, seconds: Double(i) * 0.4
            )
        }
        XCTAssertEqual(last, .done(tag: "example"))
    }

    func testAClientOverURLSessionEnrols() async throws {
        let (store, tag) = try photoTag()
        let client = try clientOverURLSession(
            partnerId: sandbox.partnerId, apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl,
            store: store, pins: [:])
        let result = try await client.submitJob(params: jobParams(tag: tag))
        XCTAssertEqual(result.status.result?.resultCode, "0840")

        let pins = ["api.smileidentity.com": ["sha256/" + String(repeating: "A", count: 43) + "="]]
        let pinned = {
            try clientOverURLSession(
                partnerId: self.sandbox.partnerId, apiKey: self.sandbox.apiKey,
                baseUrl: self.sandbox.baseUrl, store: store, pins: pins)
        }
        #if canImport(Security)
            XCTAssertNoThrow(try pinned())
        #else
            XCTAssertThrowsError(try pinned()) { XCTAssertTrue($0 is CertificatePinError) }
        #endif
    }
}
