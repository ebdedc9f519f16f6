import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// jobStatusPollingTimeoutMillis: 0 returns the first status right after the upload, a short
/// timeout returns the last status unfinished, a long one waits for the result. The sandbox
/// keeps each job processing for 2 s.
final class TimeoutTests: SandboxTestCase {
    override class var processingDelayMs: Int { 2_000 }

    func testZeroShortAndLongTimeouts() async throws {
        let (store, tag) = try photoTag()
        let client = try client(store)

        let first = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 0))
        XCTAssertTrue(first.timedOut)
        XCTAssertFalse(first.status.jobComplete)
        XCTAssertNil(first.status.result)

        let listener = RecordingListener()
        let short = try await client.submitJob(
            params: jobParams(tag: tag, timeoutMillis: 300), listener: listener)
        XCTAssertTrue(short.timedOut)
        XCTAssertFalse(short.status.jobComplete)
        XCTAssertEqual(
            listener.snapshot().last?.event, .done(jobComplete: false, jobSuccess: false))

        let long = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 30_000))
        XCTAssertFalse(long.timedOut)
        XCTAssertTrue(long.status.jobComplete)
        XCTAssertEqual(long.status.result?.resultCode, "0840")

        // The two unfinished jobs wait in the journal; resuming finishes them.
        let pending = Set(try client.pendingJobs().map(\.jobId))
        XCTAssertEqual(pending, [first.jobId, short.jobId])
        let resumed = try await client.resumePendingJobs(listener: nil)
        XCTAssertEqual(Set(resumed.map(\.jobId)), pending)
        XCTAssertTrue(
            resumed.allSatisfy {
                $0.error == nil && $0.result?.status.result?.resultCode == "0840"
            }, "\(resumed)")
        XCTAssertEqual(try client.pendingJobs(), [])
    }
}
