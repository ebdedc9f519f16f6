import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Cancelling a running job stops it (no more requests, no more events) and leaves its tag as it
/// was; the journal keeps the job for resumePendingJobs. The sandbox keeps every job processing
/// for a minute, so the jobs are cancelled while they poll. uniffi's Swift async calls do not see
/// Task cancellation: a cancelled Task cancels the job through `submitJobCancellable` (and
/// `jobStatusCancellable`, `resumePendingJobsCancellable`), which await the task handles.
final class CancelTests: SandboxTestCase {
    override class var processingDelayMs: Int { 60_000 }

    private func untilPolling(_ listener: RecordingListener) async throws {
        try await waitUntil("a poll") {
            listener.snapshot().contains {
                if case .polling = $0.event { return true } else { return false }
            }
        }
    }

    /// Nothing more arrives once cancelled: with 50 ms between polls, 600 ms would bring ~12. (A
    /// callback already running when cancel was called may still finish: let it.)
    private func assertStopped(_ listener: RecordingListener) async throws {
        try await sleep(millis: 100)
        let atCancel = listener.snapshot().count
        try await sleep(millis: 600)
        let after = listener.snapshot()
        XCTAssertEqual(after.count, atCancel, "no event after cancel: \(after.dropFirst(atCancel))")
        XCTAssertFalse(
            after.contains { if case .done = $0.event { return true } else { return false } })
    }

    func testJobTaskCancelStopsTheJobAndAwaitResultThrowsCancelled() async throws {
        let (store, tag) = try photoTag("obama_2.jpg")
        let before = try store.images(tag: tag)
        let listener = RecordingListener()
        let client = try client(store, keepTags: false)
        let task = client.startJob(
            params: jobParams(tag: tag, timeoutMillis: 600_000), listener: listener)
        try await untilPolling(listener)
        task.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) {
            _ = try await task.awaitResult()
        }
        XCTAssertTrue(task.isFinished())
        try await assertStopped(listener)
        task.cancel()  // a second cancel is harmless
        XCTAssertEqual(try store.images(tag: tag), before, "the tag is untouched")
        let pending = try XCTUnwrap(try client.pendingJobs().first { $0.tag == tag })
        XCTAssertEqual(pending.state, .uploaded)

        // The tag still submits: one poll, then the job is left to the callback.
        let quick = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 0))
        XCTAssertTrue(quick.timedOut)
        XCTAssertEqual(try store.images(tag: tag), before)
    }

    /// `cancelJob(jobId:)` stops a job by the id it got at its start (none was given), and
    /// `cancelResume()` every running resume, for callers that keep no handle.
    func testCancelJobByItsGeneratedIdAndCancelResume() async throws {
        let (store, tag) = try photoTag("obama_1.jpg")
        let listener = RecordingListener()
        let client = try client(store, keepTags: true)
        XCTAssertFalse(client.cancelJob(jobId: "nothing-runs"))
        let task = client.startJob(
            params: jobParams(tag: tag, timeoutMillis: 600_000), listener: listener)
        try await untilPolling(listener)
        let jobId = try XCTUnwrap(listener.snapshot().first?.jobId)
        XCTAssertTrue(jobId.hasPrefix("job-"), jobId)
        XCTAssertTrue(client.cancelJob(jobId: jobId))
        await expectError("Cancelled", code: "cancelled", field: nil) {
            _ = try await task.awaitResult()
        }
        XCTAssertFalse(client.cancelJob(jobId: jobId), "finished work leaves the registry")

        let resume = client.startResumePendingJobs(listener: listener)
        XCTAssertTrue(client.cancelResume())
        await expectError("Cancelled", code: "cancelled", field: nil) {
            _ = try await resume.awaitResult()
        }
        XCTAssertFalse(client.cancelResume())
    }

    func testCancellingTheSwiftTaskCancelsTheJob() async throws {
        let (store, tag) = try photoTag("obama_2.jpg")
        let before = try store.images(tag: tag)
        let listener = RecordingListener()
        let client = try client(store, keepTags: false)
        let job = Task {
            try await client.submitJobCancellable(
                params: jobParams(tag: tag, timeoutMillis: 600_000), listener: listener)
        }
        try await untilPolling(listener)
        job.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) { _ = try await job.value }
        try await assertStopped(listener)
        XCTAssertEqual(try store.images(tag: tag), before, "the tag is untouched")
        XCTAssertEqual(try client.pendingJobs().first { $0.tag == tag }?.state, .uploaded)

        // The same for a resume, cancelled once it polls (in flight): the job stays pending.
        let seen = listener.snapshot().count
        let resume = Task { try await client.resumePendingJobsCancellable(listener: listener) }
        try await waitUntil("a poll of the resume") {
            listener.snapshot().dropFirst(seen).contains {
                if case .polling = $0.event { return true } else { return false }
            }
        }
        resume.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) { _ = try await resume.value }
        XCTAssertEqual(try client.pendingJobs().first { $0.tag == tag }?.state, .uploaded)

        // A Task cancelled before the call starts never sends it.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.jobStatusCancellable(
                job: JobRef(jobId: "job-x", userId: "u", jobType: 4))
        }
        await expectError("Cancelled", code: "cancelled", field: nil) { _ = try await early.value }
    }
}
