import Foundation
@testable import RnSmileIdGlue
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// JS-shaped dictionaries → the module's calls → the bindings → the real library → the sandbox
/// over HTTP → the maps JS receives: photo capture, then JT4, JT2 and JT1 with progress events,
/// the offline queue, jobStatus. Each map's shape is checked against the Kotlin module's.
final class GlueJobsTests: GlueTestCase {
    func testCaptureFromFilesThenEnrolmentAuthenticationAndBiometricKyc() async throws {
        let host = try await configured()
        let calls = host.calls
        let captured = try calls.captureSelfieFromFiles(js(["selfie": "file://" + TestEnv.face("obama_1.jpg").path, "tag": "obama"]))
        XCTAssertEqual(captured["tag"] as? String, "obama")
        XCTAssertEqual((captured["livenessPaths"] as? [String])?.count, 7)
        let selfie = try XCTUnwrap(captured["selfiePath"] as? String)
        XCTAssertTrue(FileManager.default.fileExists(atPath: selfie))
        XCTAssertEqual(try calls.currentTags(), ["obama"])
        XCTAssertEqual(try calls.imagesForTag("obama")["selfie"] as? String, selfie)

        let userId = "user-\(UUID().uuidString)"
        let enrol = try await calls.submitJob(js([
            "tag": "obama", "jobType": 4, "isProduction": false,
            "partnerParams": ["jobId": "", "userId": userId, "extras": ["my_ref": "A-17"]],
            "idInfo": NSNull(), "geoInfo": NSNull(), "callbackUrl": "", "jobStatusPollingTimeoutMillis": 30_000,
        ]))
        try fixture("jt4", enrol)
        XCTAssertEqual(enrol["jobType"] as? Double, 4)
        XCTAssertEqual(enrol["timedOut"] as? Bool, false)
        XCTAssertNil(enrol["incompleteReason"], "absent once complete")
        let status = try XCTUnwrap(enrol["status"] as? [String: Any])
        XCTAssertEqual(status["jobComplete"] as? Bool, true)
        XCTAssertEqual(status["jobSuccess"] as? Bool, true)
        let result = try XCTUnwrap(status["result"] as? [String: Any])
        XCTAssertEqual(result["resultCode"] as? String, "0840")
        XCTAssertEqual((result["actions"] as? [String: String])?["Liveness_Check"], "Passed")
        XCTAssertEqual((result["partnerParams"] as? [String: String])?["my_ref"], "A-17")
        let raw = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(status["raw"] as? String).utf8)) as? [String: Any]
        XCTAssertEqual((raw?["result"] as? [String: Any])?["SmileJobID"] as? String, result["smileJobId"] as? String)

        // Every event names the job; they come in order and end with done.
        let jobId = try XCTUnwrap(enrol["jobId"] as? String)
        let events = host.progress()
        XCTAssertTrue(events.allSatisfy { $0["jobId"] as? String == jobId })
        let types = events.compactMap { $0["type"] as? String }
        XCTAssertEqual(Array(types.prefix(2)), ["authenticating", "preparing"])
        XCTAssertEqual(types.last, "done")
        let uploads = events.filter { $0["type"] as? String == "uploading" }.compactMap { $0["percent"] as? Int32 }
        XCTAssertEqual(uploads.last, 100)
        XCTAssertEqual(uploads.sorted(), uploads)
        XCTAssertTrue(events.contains { $0["type"] as? String == "polling" && $0["attempt"] as? Int32 == 1 })

        let auth = try await calls.submitJob(js(["tag": "obama", "jobType": 2, "partnerParams": ["userId": userId], "jobStatusPollingTimeoutMillis": 30_000]))
        try fixture("jt2", auth)
        XCTAssertEqual(((auth["status"] as? [String: Any])?["result"] as? [String: Any])?["resultCode"] as? String, "0820")

        let kyc = try await calls.submitJob(js([
            "tag": "obama", "jobType": 1, "partnerParams": ["userId": userId],
            "idInfo": ["country": "NG", "idType": "BVN", "idNumber": "00000000000"],
            "geoInfo": ["accuracy": 10.0, "altitude": 20.0, "latitude": 6.5, "longitude": 3.4, "lastUpdate": "2026-01-01T00:00:00Z", "isGeoPermissionGranted": true],
            "jobStatusPollingTimeoutMillis": 30_000,
        ]))
        try fixture("jt1", kyc)
        let verified = try XCTUnwrap((kyc["status"] as? [String: Any])?["result"] as? [String: Any])
        XCTAssertEqual(verified["resultCode"] as? String, "0810")
        XCTAssertEqual(verified["country"] as? String, "NG")
        XCTAssertEqual(verified["idType"] as? String, "BVN")
        XCTAssertNotNil(verified["fullName"] as? String)

        // jobStatus asks again for the finished enrolment: the same map as its result's status.
        let again = try await calls.jobStatus(js(["jobId": jobId, "userId": userId, "jobType": 4]))
        try fixture("job-status", again)
        XCTAssertEqual((again["result"] as? [String: Any])?["resultCode"] as? String, "0840")
        XCTAssertEqual(Set(again.keys), Set(status.keys))

        try calls.deleteTag("obama")
        XCTAssertEqual(try calls.currentTags(), [])
        calls.invalidate()
    }

    func testTheBundledSmileConfigJsonConfiguresTheModuleWhenConfigureIsNotCalled() async throws {
        let bundled = try JSONSerialization.data(withJSONObject: [
            "partner_id": sandbox.partnerId, "auth_token": sandbox.authToken,
            "test_lambda_url": sandbox.baseUrl, "prod_lambda_url": "https://api.example.invalid/v1/",
        ])
        let calls = try GlueHost(bundledConfig: bundled).calls
        let tag = try XCTUnwrap(try calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("obama_1.jpg").path]))["tag"] as? String)
        let r = try await calls.submitJob(js(["tag": tag, "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]))
        XCTAssertEqual(((r["status"] as? [String: Any])?["result"] as? [String: Any])?["resultCode"] as? String, "0840")
    }

    func testTheAppSignatureFunctionFromJsSignsEveryRequest() async throws {
        let partnerId = sandbox.partnerId
        let apiKey = sandbox.apiKey
        let module = Locked<RnSmileIdCalls?>(nil)
        let asked = Locked<[String]>([])
        // What index.tsx does with onSignatureRequest: call the app's async function (here the
        // partner backend's HMAC), answer on another thread.
        let store = try tempStore()
        let calls = RnSmileIdCalls(store: { store }, bundledConfig: { nil }, emit: { name, body in
            guard name == "onSignatureRequest", let id = body["requestId"] as? String else { return }
            asked.with { $0.append(body["partnerId"] as? String ?? "") }
            DispatchQueue.global().async {
                let s = try! sign(apiKey: apiKey, partnerId: partnerId)
                module.with { $0 }?.resolveSignature(requestId: id, signature: s.signature, timestamp: s.timestamp)
            }
        })
        module.with { $0 = calls }
        try calls.configure(js(["partnerId": partnerId, "signatureProvider": true, "sandboxUrl": sandbox.baseUrl, "pollIntervalMillis": 50.0]))
        let tag = try XCTUnwrap(try calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("obama_1.jpg").path]))["tag"] as? String)
        let r = try await calls.submitJob(js(["tag": tag, "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]))
        XCTAssertEqual(((r["status"] as? [String: Any])?["result"] as? [String: Any])?["resultCode"] as? String, "0840")
        XCTAssertTrue(asked.with { $0 }.contains(partnerId))
    }

    func testOfflineQueueThenResume() async throws {
        let calls = try await configured(tag: "later").calls
        let jobId = try calls.enqueueJob(js(["tag": "later", "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]))
        let pending = try calls.pendingJobs()
        XCTAssertEqual(pending.first?["jobId"] as? String, jobId)
        XCTAssertEqual(pending.first?["state"] as? String, "captured")
        XCTAssertFalse(calls.cancelResume(), "no resume runs")
        let resumed = try await calls.resumePendingJobs()
        let entry = try XCTUnwrap(resumed.first)
        try fixture("resumed", entry)
        XCTAssertEqual(entry["jobId"] as? String, jobId)
        let status = (entry["result"] as? [String: Any])?["status"] as? [String: Any]
        XCTAssertEqual((status?["result"] as? [String: Any])?["resultCode"] as? String, "0840")
        XCTAssertEqual(try calls.pendingJobs().count, 0)
        calls.invalidate()
    }
}

/// A job that takes 5 s against a polling timeout of 0: back at once, not complete, with why.
final class GlueIncompleteTests: GlueTestCase {
    override class var processingDelayMs: Int { 5_000 }

    func testAShortPollingTimeoutReturnsTheFirstStatusWithItsReason() async throws {
        let calls = try await configured(tag: "t").calls
        let first = try await calls.submitJob(js(["tag": "t", "jobType": 4, "jobStatusPollingTimeoutMillis": 0]))
        try fixture("jt4-pending", first)
        XCTAssertEqual((first["status"] as? [String: Any])?["jobComplete"] as? Bool, false)
        XCTAssertEqual(first["incompleteReason"] as? String, "timedOut")
        XCTAssertEqual(first["timedOut"] as? Bool, true)
        calls.invalidate()
    }
}
