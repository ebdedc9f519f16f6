import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Jobs queued while offline wait in the journal and go out with resumePendingJobs; the tag
/// store lists, reads and deletes captures.
final class OfflineQueueTests: SandboxTestCase {
    func testEnqueuedJobsWaitThenResumeInOrder() async throws {
        let (store, tag) = try photoTag()
        let client = try client(store)
        let userId = "user-\(UUID().uuidString)"
        let enrolId = try client.enqueueJob(params: jobParams(tag: tag, jobType: 4, userId: userId))
        let kycId = try client.enqueueJob(
            params: jobParams(
                tag: tag, jobType: 1, userId: userId, jobId: "job-queued-kyc", idInfo: bvn))
        XCTAssertTrue(enrolId.hasPrefix("job-"), enrolId)
        XCTAssertEqual(kycId, "job-queued-kyc")
        let pending = try client.pendingJobs()
        XCTAssertEqual(pending.map(\.jobId), [enrolId, kycId])
        XCTAssertTrue(
            pending.allSatisfy { $0.state == .captured && $0.tag == tag && $0.smileJobId == nil },
            "\(pending)")
        XCTAssertEqual(pending.map(\.jobType), [4, 1])

        let listener = RecordingListener()
        let resumed = try await client.resumePendingJobs(listener: listener)
        XCTAssertEqual(resumed.map(\.jobId), [enrolId, kycId])
        XCTAssertEqual(resumed.map { $0.result?.status.result?.resultCode }, ["0840", "0810"])
        XCTAssertTrue(resumed.allSatisfy { $0.error == nil })
        XCTAssertEqual(Set(listener.snapshot().map(\.jobId)), [enrolId, kycId])
        XCTAssertEqual(try client.pendingJobs(), [])
        // Nothing left to do: a second resume is empty.
        let again = try await client.resumePendingJobs(listener: nil)
        XCTAssertEqual(again, [])
    }

    func testAQueuedJobWithABadParameterIsRefusedAtOnce() async throws {
        let (store, tag) = try photoTag()
        let client = try client(store)
        await expectError("InvalidInput", code: "invalid_input", field: "partner_params.user_id") {
            _ = try client.enqueueJob(params: jobParams(tag: tag, jobType: 2))
        }
        XCTAssertEqual(try client.pendingJobs(), [])
    }

    func testTagsAreListedReadAndDeleted() throws {
        let (store, first) = try photoTag(tag: "first")
        let second = try captureFromFiles(
            store: store, tag: "second", selfie: try TestEnv.faceData("obama_2.jpg"))
        XCTAssertEqual(Set(try store.list().map(\.tag)), [first, second])
        let listed = try XCTUnwrap(try store.list().first { $0.tag == second })
        XCTAssertEqual(listed.images, try store.images(tag: second))
        XCTAssertFalse(listed.createdAt.isEmpty)
        let back = try addIdCard(
            store: store, tag: second, side: .back, image: try TestEnv.faceData("grace_hopper.jpg"))
        XCTAssertEqual(try store.images(tag: second).idCardBack, back)
        XCTAssertTrue(FileManager.default.fileExists(atPath: back))

        let files = try store.images(tag: first).liveness
        try store.delete(tag: first)
        XCTAssertFalse(try store.exists(tag: first))
        XCTAssertTrue(
            files.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "the images are gone")
        XCTAssertEqual(try store.list().map(\.tag), [second])
        try store.cleanStaging()
        XCTAssertTrue(try store.exists(tag: second))
    }
}
