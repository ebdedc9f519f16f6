import Foundation
@testable import RnSmileIdGlue
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Errors as JS sees them (code, field, Smile ID's code) and cancellation from JS: cancelJob for
/// jobs and jobStatus, cancelResume for resumePendingJobs. Jobs take 3 s on this sandbox.
final class GlueErrorsTests: GlueTestCase {
    override class var processingDelayMs: Int { 3_000 }

    func testBadFieldsAreRefusedWithTheFieldNamed() async throws {
        let calls = try await configured(tag: "bad").calls
        func submit(_ params: [String: Any]) async throws -> Any? { try await calls.submitJob(js(params)) }
        await expectRejection("invalid_input", field: "job_type") { try await submit(["tag": "bad", "jobType": "4"]) }
        await expectRejection("invalid_input", field: "tag") { try await submit(["jobType": 4]) }
        await expectRejection("invalid_input", field: "job_status_polling_timeout_millis") {
            try await submit(["tag": "bad", "jobType": 4, "jobStatusPollingTimeoutMillis": 1.5])
        }
        await expectRejection("invalid_input", field: "is_production") { try await submit(["tag": "bad", "jobType": 4, "isProduction": 1]) }
        await expectRejection("invalid_input", field: "partner_params.n") {
            try await submit(["tag": "bad", "jobType": 4, "partnerParams": ["extras": ["n": 5]]])
        }
        // Refused by the Rust core: same shape.
        await expectRejection("invalid_input", field: "partner_params.user_id") { try await submit(["tag": "bad", "jobType": 2]) }
        await expectRejection("unsupported_job_type", field: "job_type") { try await submit(["tag": "bad", "jobType": 6]) }
        await expectRejection("invalid_input", field: "id_info.id_number") {
            try await submit(["tag": "bad", "jobType": 1, "idInfo": ["country": "NG", "idType": "BVN", "idNumber": "12"]])
        }
        await expectRejection("tag_not_found", field: "tag") { try await submit(["tag": "nope", "jobType": 4]) }
        await expectRejection("invalid_input", field: "partner_params.job_id") { try await calls.jobStatus(js(["userId": "u", "jobType": 4])) }
        await expectRejection("invalid_input", field: "job_type") { try await calls.jobStatus(js(["jobId": "j", "userId": "u"])) }
        await expectRejection("invalid_input", field: "selfie") { try calls.captureSelfieFromFiles(js(["selfie": "/no/such/photo.jpg"])) }
        await expectRejection("invalid_image", field: "selfie") {
            try calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("no_face_coffee.jpg").path]))
        }
        await expectRejection("invalid_input", field: "timeout_millis") { try RnSmileIdConversions.captureSelfieOptions(js(["timeoutMillis": 0])) }
        await expectRejection("invalid_input", field: "tag") { try RnSmileIdConversions.captureSelfieOptions(js(["tag": 7])) }
        XCTAssertEqual(try RnSmileIdConversions.captureSelfieOptions(nil).timeoutMillis, 60_000)
        calls.invalidate()
    }

    func testNoConfigurationAndNoBundledSmileConfigJson() async throws {
        let calls = try GlueHost().calls
        await expectRejection("invalid_input", field: "partnerId") { try calls.pendingJobs() }
        await expectRejection("invalid_input", field: "authToken") { try calls.configure(js(["partnerId": "2343"])) }
        // A production URL over http is refused when a production job runs, not at configure.
        try calls.configure(sandbox.configure(["productionUrl": "http://plain.example/v1"]))
        _ = try calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("obama_1.jpg").path, "tag": "prod"]))
        await expectRejection("insecure_transport", field: nil) { try await calls.submitJob(js(["tag": "prod", "jobType": 4, "isProduction": true])) }
    }

    func testTheServerRefusalKeepsSmileIdsCode() async throws {
        let calls = try GlueHost().calls
        try calls.configure(sandbox.configure(["authToken": "wrong-token", "retry": ["budgetMillis": 0, "initialDelayMillis": 0, "maxDelayMillis": 0]]))
        _ = try calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("obama_1.jpg").path, "tag": "refused"]))
        let r = await expectRejection("api_error", field: nil) { try await calls.submitJob(js(["tag": "refused", "jobType": 4])) }
        XCTAssertEqual(r?.userInfo["apiCode"] as? String, "2205")
        XCTAssertEqual(r?.userInfo["httpStatus"] as? Int32, 401)
    }

    func testCancelJobStopsARunningJobByTheIdTheAppGaveAndByTheIdFromItsEvents() async throws {
        let host = try await configured(tag: "c")
        let calls = host.calls
        func polling(_ id: (String) -> Bool) -> Bool {
            host.progress().contains { id($0["jobId"] as? String ?? "") && $0["type"] as? String == "polling" }
        }
        let given = Task { try await calls.submitJob(js(["tag": "c", "jobType": 4, "partnerParams": ["jobId": "job-cancel-me"], "jobStatusPollingTimeoutMillis": 60_000])) }
        try await waitUntil("a poll of job-cancel-me") { polling { $0 == "job-cancel-me" } }
        XCTAssertTrue(calls.cancelJob("job-cancel-me"))
        await expectRejection("cancelled", field: nil) { try await given.value }
        XCTAssertFalse(calls.cancelJob("job-cancel-me"))

        let generated = Task { try await calls.submitJob(js(["tag": "c", "jobType": 4, "jobStatusPollingTimeoutMillis": 60_000])) }
        try await waitUntil("a poll of the generated job") { polling { $0 != "job-cancel-me" } }
        let id = try XCTUnwrap(host.progress().compactMap { $0["jobId"] as? String }.first { $0 != "job-cancel-me" })
        XCTAssertTrue(calls.cancelJob(id))
        await expectRejection("cancelled", field: nil) { try await generated.value }
        let countAfterCancel = host.progress().count
        // The tag is intact and the cancelled jobs wait in the journal.
        XCTAssertEqual((try calls.imagesForTag("c")["liveness"] as? [String])?.count, 7)
        XCTAssertEqual(Set(try calls.pendingJobs().compactMap { $0["jobId"] as? String }), ["job-cancel-me", id])
        try await Task.sleep(nanoseconds: 500_000_000)
        XCTAssertEqual(host.progress().count, countAfterCancel, "no event after cancel")
        calls.invalidate()
    }
}

/// job_status stalls 30 s on this sandbox: jobStatus and resumePendingJobs are cancelled while
/// they wait for it.
final class GlueStalledStatusTests: GlueTestCase {
    override class var faults: String? { "job_status:delay=30000:1" }

    func testCancelJobCancelsARunningJobStatus() async throws {
        let calls = try await configured().calls
        let status = Task { try await calls.jobStatus(js(["jobId": "job-stalled", "userId": "u", "jobType": 4])) }
        // The request is sent and the server sits on it.
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertTrue(calls.cancelJob("job-stalled"))
        await expectRejection("cancelled", field: nil) { try await status.value }
        calls.invalidate()
    }

    func testCancelResumeStopsResumePendingJobsAndTheJobStaysPending() async throws {
        let calls = try await configured(tag: "queued").calls
        let jobId = try calls.enqueueJob(js(["tag": "queued", "jobType": 4, "jobStatusPollingTimeoutMillis": 60_000]))
        let resume = Task { try await calls.resumePendingJobs() }
        // Once uploaded, the job waits on the stalled job_status.
        try await waitUntil("the job uploaded") { (try? calls.pendingJobs().first?["state"] as? String) == "uploaded" }
        XCTAssertTrue(calls.cancelResume())
        await expectRejection("cancelled", field: nil) { try await resume.value }
        XCTAssertFalse(calls.cancelResume())
        XCTAssertEqual(try calls.pendingJobs().compactMap { $0["jobId"] as? String }, [jobId])
        XCTAssertEqual((try calls.imagesForTag("queued")["liveness"] as? [String])?.count, 7)
        calls.invalidate()
    }
}
