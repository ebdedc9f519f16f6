import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// The library's log reaches the app's Logger, at the level asked for, without secrets.
final class LoggingTests: SandboxTestCase {
    override func tearDown() {
        setLogger(logger: nil, level: .info)
        super.tearDown()
    }

    /// Runs one enrolment of a fresh photo tag; returns its job id and user id.
    private func enrol() async throws -> (jobId: String, userId: String) {
        let (store, tag) = try photoTag("obama_2.jpg", tag: "logged")
        let userId = "user-\(UUID().uuidString)"
        let result = try await client(store).submitJob(params: jobParams(tag: tag, userId: userId))
        XCTAssertTrue(result.status.jobSuccess)
        return (result.jobId, userId)
    }

    func testJobStepsAreLoggedWithTheirJobIdAndNothingSecret() async throws {
        let logger = RecordingLogger()
        setLogger(logger: logger, level: .debug)
        let (jobId, userId) = try await enrol()
        let lines = logger.records
        let mine = lines.filter { $0.message.contains("job_id=\(jobId)") }
        XCTAssertTrue(
            mine.contains { $0.level == .info && $0.message.hasPrefix("running job") }, "\(lines)")
        XCTAssertTrue(
            mine.contains { $0.level == .info && $0.message.hasPrefix("uploaded") }, "\(lines)")
        XCTAssertTrue(lines.allSatisfy { $0.target.hasPrefix("smileid") }, "\(lines)")
        for secret in [sandbox.apiKey, sandbox.authToken, userId] {
            XCTAssertFalse(
                lines.contains { $0.message.contains(secret) },
                "a log line holds \(secret): \(lines)")
        }
    }

    func testNothingIsPassedOnBelowTheLevelAskedForOrOnceTheLoggerIsRemoved() async throws {
        let logger = RecordingLogger()
        setLogger(logger: logger, level: .error)
        _ = try await enrol()
        XCTAssertEqual(logger.records, [])
        setLogger(logger: logger, level: .info)
        _ = try await enrol()
        let seen = logger.records.count
        XCTAssertGreaterThan(seen, 0)
        setLogger(logger: nil, level: .info)
        _ = try await enrol()
        XCTAssertEqual(logger.records.count, seen)
    }
}
