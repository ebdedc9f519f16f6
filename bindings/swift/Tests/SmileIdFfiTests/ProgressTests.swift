import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Progress events arrive in order: authenticating, preparing, upload %, each poll, done.
final class ProgressTests: SandboxTestCase {
    override class var processingDelayMs: Int { 300 }

    private func phase(_ event: ProgressEvent) -> Int {
        switch event {
        case .authenticating: return 0
        case .preparing: return 1
        case .uploading: return 2
        case .polling: return 3
        case .done: return 4
        }
    }

    private func assertInOrder(
        _ jobId: String, _ recorded: [(jobId: String, event: ProgressEvent)], line: UInt = #line
    ) {
        XCTAssertTrue(
            recorded.allSatisfy { $0.jobId == jobId }, "every event names the job: \(recorded)",
            line: line)
        let events = recorded.map(\.event)
        let phases = events.map(phase)
        XCTAssertEqual(phases, phases.sorted(), "phases never go back: \(events)", line: line)
        XCTAssertEqual(
            phases.reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }, [0, 1, 2, 3, 4],
            "every phase is reported: \(events)", line: line)
        XCTAssertEqual(phases.filter { $0 == 0 }.count, 1, line: line)
        XCTAssertEqual(phases.filter { $0 == 1 }.count, 1, line: line)
        XCTAssertEqual(events.last, .done(jobComplete: true, jobSuccess: true), line: line)

        let uploads = events.compactMap { event -> (sent: Int64, total: Int64, percent: Int32)? in
            if case .uploading(let sent, let total, let percent) = event {
                return (sent, total, percent)
            }
            return nil
        }
        XCTAssertTrue(
            zip(uploads, uploads.dropFirst()).allSatisfy {
                $0.sent <= $1.sent && $0.percent <= $1.percent
            }, "upload grows: \(uploads)", line: line)
        XCTAssertEqual(uploads.last?.sent, uploads.last?.total, line: line)
        XCTAssertEqual(uploads.last?.percent, 100, line: line)
        XCTAssertTrue(
            uploads.allSatisfy { $0.total == uploads[0].total && $0.total > 0 }, line: line)

        let polls = events.compactMap { event -> (attempt: Int32, complete: Bool)? in
            if case .polling(let attempt, let complete) = event { return (attempt, complete) }
            return nil
        }
        XCTAssertEqual(
            polls.map(\.attempt), Array(1...Int32(polls.count)), "polls count from 1: \(polls)",
            line: line)
        XCTAssertEqual(polls.last?.complete, true, line: line)
        XCTAssertTrue(polls.dropLast().allSatisfy { !$0.complete }, line: line)
    }

    func testSubmitJobReportsEveryStepInOrder() async throws {
        let (store, tag) = try photoTag()
        let listener = RecordingListener()
        let result = try await client(store).submitJob(
            params: jobParams(tag: tag), listener: listener)
        assertInOrder(result.jobId, listener.snapshot())
        // The sandbox keeps the job processing for 300 ms and we poll every 50 ms.
        XCTAssertGreaterThan(listener.snapshot().filter { phase($0.event) == 3 }.count, 1)
    }

    func testStartJobReportsTheSameStepsAndItsHandleReturnsTheResult() async throws {
        let (store, tag) = try photoTag("obama_2.jpg")
        let listener = RecordingListener()
        let jobId = "job-progress-\(UUID().uuidString)"
        let task = try client(store).startJob(
            params: jobParams(tag: tag, jobId: jobId), listener: listener)
        let result = try await task.awaitResult()
        XCTAssertEqual(result.jobId, jobId)
        XCTAssertTrue(task.isFinished())
        // A second await returns the same result.
        let second = try await task.awaitResult()
        XCTAssertEqual(second, result)
        assertInOrder(jobId, listener.snapshot())
    }
}
