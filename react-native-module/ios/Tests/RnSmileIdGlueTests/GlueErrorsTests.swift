import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import RnSmileIdGlue

/// Errors as JS receives them (error envelopes: code, field) and cancellation from JS: cancelJob
/// for a job and for a jobStatus. Jobs take a minute on this sandbox: they are cancelled while
/// they poll.
final class GlueErrorsTests: GlueTestCase {
    override class var processingDelayMs: Int { 60_000 }

    func testErrorsResolveAsEnvelopesNamingTheField() async throws {
        let glue = try await configured(tag: "bad")
        expectError(
            "invalid_input", field: "job_type",
            await glue.call("submitJob", [["tag": "bad", "jobType": "4"]]))
        expectError(
            "tag_not_found", field: "tag",
            await glue.call("submitJob", [["tag": "nope", "jobType": 4]]))
        expectError(
            "invalid_input", field: "selfie",
            await glue.call("captureSelfieFromFiles", ["selfie": "/no/such/photo.jpg"]))
        // A method the table lacks is a bug of the glue, answered as one.
        expectError("internal", field: nil, await glue.call("submitJobs", [["tag": "bad"]]))
        // The camera screen's options are read in Rust; a refused screen never shows.
        for (options, field) in [
            (#"{"timeoutMillis":0}"#, "options.timeout_ms"), (#"{"tag":7}"#, "tag"),
            ("[]", "options"),
        ] {
            let (screen, refused) = await capture(glue, options)
            XCTAssertNil(screen, options)
            expectError("invalid_input", field: field, try envelope(XCTUnwrap(refused)))
        }
        let (screen, _) = await capture(glue, "{}")
        let shown = try XCTUnwrap(screen)
        XCTAssertFalse(shown.tag().isEmpty, "a generated tag")
        let timedOut = glue.host.bridge.captureOutcome(
            outcome: .failed(code: "capture_timeout", message: "no capture"))
        expectError("capture_timeout", field: nil, try envelope(timedOut))
    }

    /// `captureSelfie`'s screen when one would show, or the envelope it resolved with instead.
    private func capture(_ glue: GlueHost, _ options: String) async -> (CaptureScreen?, String?) {
        await withCheckedContinuation { answer in
            glue.host.captureSelfie(
                options, show: { screen, _ in answer.resume(returning: (screen, nil)) },
                resolve: { answer.resume(returning: (nil, $0)) })
        }
    }

    func testATagFolderThatCannotBeMadeIsAStorageErrorOfEveryCall() async throws {
        let file = try makeTempDirectory("smileid-rn").appendingPathComponent("a-file")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data()))
        let glue = try GlueHost(tagsRoot: file.appendingPathComponent("tags").path)
        expectError("storage", field: nil, await glue.call("getCurrentTags"))
        let (screen, refused) = await capture(glue, "{}")
        XCTAssertNil(screen)
        expectError("storage", field: nil, try envelope(XCTUnwrap(refused)))
    }

    func testCancelJobStopsARunningJobByTheIdTheAppGave() async throws {
        let glue = try await configured(tag: "c")
        let job = Task {
            await glue.call(
                "submitJob",
                [
                    [
                        "tag": "c", "jobType": 4, "partnerParams": ["jobId": "job-cancel-me"],
                        "jobStatusPollingTimeoutMillis": 600_000,
                    ]
                ])
        }
        // A poll: the job is uploaded and running.
        await glue.event {
            $0["jobId"] as? String == "job-cancel-me" && $0["type"] as? String == "polling"
        }
        XCTAssertTrue(glue.host.bridge.cancelJob(jobId: "job-cancel-me"))
        expectError("cancelled", field: nil, await job.value)
        XCTAssertFalse(glue.host.bridge.cancelJob(jobId: "job-cancel-me"), "nothing runs any more")
        // The cancelled job waits in the journal; the tag is intact.
        let pending = try await glue.ok("pendingJobs") as? [[String: Any]]
        XCTAssertEqual(pending?.compactMap { $0["jobId"] as? String }, ["job-cancel-me"])
        let images = try await glue.ok("getImagesForTag", "c") as? [String: Any]
        XCTAssertEqual((images?["liveness"] as? [String])?.count, 7)
    }
}

/// job_status stalls 30 s on this sandbox: a jobStatus is cancelled while the server holds it.
final class GlueStalledStatusTests: GlueTestCase {
    override class var faults: String? { "job_status:delay=30000:1" }

    func testCancelJobCancelsARunningJobStatus() async throws {
        let glue = try await configured()
        let status = Task {
            await glue.call("jobStatus", ["jobId": "job-stalled", "userId": "u", "jobType": 4])
        }
        // The sandbox counts the delay fault when the request arrives: it is in flight.
        let sandbox = self.sandbox
        try await waitUntil("the job_status request held") { (try? sandbox.faultsInjected()) == 1 }
        XCTAssertTrue(glue.host.bridge.cancelJob(jobId: "job-stalled"))
        expectError("cancelled", field: nil, await status.value)
    }
}

/// An envelope string as JSON.
func envelope(_ json: String) throws -> [String: Any] {
    try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}
