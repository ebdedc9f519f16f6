import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// Jobs whose every request goes through URLSessionTransport, against the real sandbox.
// scripts/test-swift runs these (URLSession*) again on the mobile build of the library, which has
// no HTTP stack of its own.

/// SmartSelfie jobs through URLSession, and a closed port.
final class URLSessionTransportTests: SandboxTestCase {
    override class var processingDelayMs: Int { 50 }

    func testEnrolmentAndAuthenticationRunThroughURLSession() async throws {
        let transport = ObservedTransport(try URLSessionTransport())
        let (store, tag) = try photoTag()
        let client = try SmileIdClient(config: sandbox.config(transport: transport), tags: store)
        try await enrolThenAuthenticate(client, tag: tag)
        let seen = transport.statuses
        XCTAssertEqual(seen.filter { $0 == "POST /v1/upload 200" }.count, 2, "\(seen)")
        XCTAssertEqual(
            seen.filter { $0.hasPrefix("PUT ") && $0.hasSuffix(" 200") }.count, 2, "\(seen)")
        XCTAssertTrue(seen.contains("POST /v1/job_status 200"), "\(seen)")
        XCTAssertEqual(transport.failures, [])
    }

    func testAClosedPortIsANetworkErrorNamingTheHost() async throws {
        let port = try closedPort()
        let config = sandbox.config(
            url: "http://127.0.0.1:\(port)/v1", retry: noRetry, transport: try URLSessionTransport()
        )
        let (store, tag) = try photoTag()
        let client = try SmileIdClient(config: config, tags: store)
        let error = await expectError("Network", code: "network", field: nil) {
            _ = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 0))
        }
        let detail = error?.errorDetail() ?? ""
        XCTAssertTrue(detail.contains("127.0.0.1:\(port) refused the connection"), detail)
    }

    /// The library loaded is the one scripts/test-swift says: the mobile build has no transport
    /// of its own, so there a client needs one; the desktop build makes its own.
    func testTheLibraryHasTheHttpStackItIsSaidToHave() async throws {
        let store = try tempStore()
        if ProcessInfo.processInfo.environment["SMILEID_MOBILE_BUILD"] == "1" {
            await expectError("InvalidInput", code: "invalid_input", field: "transport") {
                _ = try SmileIdClient(config: self.sandbox.config(), tags: store)
            }
        } else {
            XCTAssertNoThrow(try SmileIdClient(config: sandbox.config(), tags: store))
        }
    }
}

/// Under the sandbox's fault injection (503s, resets and truncated answers on job_status, resets
/// of the zip upload, truncated prep_upload answers) jobs through URLSession still succeed.
final class URLSessionFaultTests: SandboxTestCase {
    override class var processingDelayMs: Int { 50 }
    override class var faults: String? {
        "job_status:503:0.25,job_status:reset:0.25,job_status:truncate:0.25,"
            + "put:reset:0.5,upload:truncate:0.5"
    }

    func testJobsSucceedThrough503sResetsAndTruncatedBodies() async throws {
        let transport = ObservedTransport(try URLSessionTransport())
        let (store, tag) = try photoTag("obama_2.jpg")
        let client = try SmileIdClient(config: sandbox.config(transport: transport), tags: store)
        try await enrolThenAuthenticate(client, tag: tag)
        let seen = transport.statuses
        XCTAssertTrue(seen.contains("POST /v1/job_status 503"), "a 503 was retried: \(seen)")
        XCTAssertFalse(transport.failures.isEmpty, "a reset or truncation was retried: \(seen)")
    }
}

/// A job_status the sandbox holds for two minutes: the job's deadline holds and the
/// URLSessionTask in flight is cancelled; a cancelled status task cancels its URLSessionTask too.
final class URLSessionStalledStatusTests: SandboxTestCase {
    override class var processingDelayMs: Int { 50 }
    override class var faults: String? { "job_status:delay=120000:1.0" }

    func testTheDeadlineHoldsAndTheStalledTaskIsCancelled() async throws {
        let transport = ObservedTransport(try URLSessionTransport())
        let (store, tag) = try photoTag()
        let client = try SmileIdClient(config: sandbox.config(transport: transport), tags: store)
        let result = try await client.submitJob(params: jobParams(tag: tag, timeoutMillis: 1_000))
        XCTAssertFalse(result.status.jobComplete)
        XCTAssertEqual(result.incompleteReason, .timedOut)
        XCTAssertTrue(transport.requests.contains("POST /v1/job_status"), "\(transport.requests)")
        // Held for two minutes, the request would stay in flight long after this wait.
        try await waitUntilAsync("the stalled URLSessionTask ends") {
            await tasksInFlight(transport.urlSession.session).isEmpty
        }
        try await waitUntil("the stalled send ends cancelled") {
            transport.failures.contains {
                $0.hasPrefix("POST /v1/job_status") && $0.hasSuffix("(task cancelled)")
            }
        }
    }

    func testCancellingAStatusTaskCancelsItsURLSessionTask() async throws {
        let (store, tag) = try photoTag("obama_2.jpg")
        let setUp = sandbox.config(transport: try URLSessionTransport())
        let left = try await SmileIdClient(config: setUp, tags: store).submitJob(
            params: jobParams(tag: tag, timeoutMillis: 0))

        let transport = ObservedTransport(try URLSessionTransport())
        let client = try SmileIdClient(config: sandbox.config(transport: transport), tags: store)
        let status = client.startJobStatus(
            job: JobRef(jobId: left.jobId, userId: left.userId, jobType: 4))
        var stalled: URLSessionTask?
        try await waitUntilAsync("job_status in flight") {
            stalled = await tasksInFlight(transport.urlSession.session).first {
                $0.originalRequest?.url?.path == "/v1/job_status"
            }
            return stalled != nil
        }
        XCTAssertFalse(status.isFinished(), "job_status is held for two minutes")
        status.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) {
            _ = try await status.awaitResult()
        }
        try await waitUntilAsync("the URLSessionTask ends") { stalled?.state == .completed }
        XCTAssertEqual(
            (stalled?.error as? URLError)?.code, .cancelled, "\(String(describing: stalled?.error))"
        )
        try await waitUntil("the send ends cancelled") {
            transport.failures.contains { $0.hasSuffix("(task cancelled)") }
        }
    }
}
