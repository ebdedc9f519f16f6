import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import RnSmileIdGlue

/// JSON strings as the TurboModule passes them → the module's plain Swift → the Rust bridge →
/// the real library → the sandbox over HTTP → the envelopes JS receives: photo capture, then JT4,
/// JT2 (rn-smile-id's positional form) and JT1, with progress events; the offline queue.
final class GlueJobsTests: GlueTestCase {
    func testCaptureFromFilesThenEnrolmentAuthenticationAndBiometricKyc() async throws {
        let glue = try await configured()
        let captured =
            try await glue.ok(
                "captureSelfieFromFiles",
                ["selfie": "file://" + TestEnv.face("obama_1.jpg").path, "tag": "obama"])
            as? [String: Any]
        XCTAssertEqual(captured?["tag"] as? String, "obama")
        XCTAssertEqual((captured?["livenessPaths"] as? [String])?.count, 7)
        let selfie = try XCTUnwrap(captured?["selfiePath"] as? String)
        XCTAssertTrue(FileManager.default.fileExists(atPath: selfie))
        let tags = try await glue.ok("getCurrentTags") as? [String]
        XCTAssertEqual(tags, ["obama"])
        let images = try await glue.ok("getImagesForTag", "obama") as? [String: Any]
        XCTAssertEqual(images?["selfie"] as? String, selfie)

        let userId = "user-\(UUID().uuidString)"
        let enrol =
            try await glue.ok(
                "submitJob",
                [
                    [
                        "tag": "obama", "jobType": 4,
                        "partnerParams": ["userId": userId, "my_ref": "A-17"],
                        "jobStatusPollingTimeoutMillis": 30_000,
                    ]
                ]) as? [String: Any]
        XCTAssertEqual(enrol?["ResultCode"] as? String, "0840")
        XCTAssertEqual(enrol?["jobSuccess"] as? Bool, true)
        XCTAssertEqual(enrol?["jobType"] as? Int, 4)
        XCTAssertNil(enrol?["incompleteReason"], "absent once complete")

        // Every event names the job; they come in order and end with done.
        let jobId = try XCTUnwrap(enrol?["jobId"] as? String)
        let events = glue.progress()
        XCTAssertTrue(events.allSatisfy { $0["jobId"] as? String == jobId })
        let types = events.compactMap { $0["type"] as? String }
        XCTAssertEqual(Array(types.prefix(2)), ["authenticating", "preparing"])
        XCTAssertEqual(types.last, "done")
        XCTAssertEqual(
            events.last { $0["type"] as? String == "uploading" }?["percent"] as? Int, 100)

        let positional: [Any] = [
            "obama", 2, false, ["user_id": userId], NSNull(), NSNull(), NSNull(), 30_000,
        ]
        let auth = try await glue.ok("submitJob", positional) as? [String: Any]
        XCTAssertEqual(auth?["ResultCode"] as? String, "0820")

        let kyc =
            try await glue.ok(
                "submitJob",
                [
                    [
                        "tag": "obama", "jobType": 1, "partnerParams": ["userId": userId],
                        "idInfo": ["country": "NG", "idType": "BVN", "idNumber": "00000000000"],
                        "jobStatusPollingTimeoutMillis": 30_000,
                    ]
                ]) as? [String: Any]
        XCTAssertEqual(kyc?["ResultCode"] as? String, "0810")
        XCTAssertEqual(kyc?["IDType"] as? String, "BVN")

        // jobStatus asks again for the finished enrolment.
        let again =
            try await glue.ok("jobStatus", ["jobId": jobId, "userId": userId, "jobType": 4])
            as? [String: Any]
        XCTAssertEqual(again?["ResultCode"] as? String, "0840")

        let deleted = try await glue.ok("deleteTag", "obama")
        XCTAssertTrue(deleted is NSNull)
        let left = try await glue.ok("getCurrentTags") as? [String]
        XCTAssertEqual(left, [])
        glue.host.bridge.shutdown()
    }

    func testTheBundledSmileConfigJsonConfiguresTheModuleWhenConfigureIsNotCalled() async throws {
        let bundled = try JSONSerialization.data(withJSONObject: [
            "partner_id": sandbox.partnerId, "auth_token": sandbox.authToken,
            "test_lambda_url": sandbox.baseUrl,
            "prod_lambda_url": "https://api.example.invalid/v1/",
        ])
        let glue = try GlueHost(bundledConfig: String(decoding: bundled, as: UTF8.self))
        let captured =
            try await glue.ok(
                "captureSelfieFromFiles", ["selfie": TestEnv.face("obama_1.jpg").path])
            as? [String: Any]
        let tag = try XCTUnwrap(captured?["tag"] as? String)
        let r =
            try await glue.ok(
                "submitJob", [["tag": tag, "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]])
            as? [String: Any]
        XCTAssertEqual(r?["ResultCode"] as? String, "0840")
    }

    func testTheAppSignatureFunctionAnswersOnSignatureRequest() async throws {
        let (partnerId, apiKey) = (sandbox.partnerId, sandbox.apiKey)
        let module = Locked<RnSmileIdHost?>(nil)
        // What index.tsx does with onSignatureRequest: call the app's async function (here the
        // partner backend's HMAC), answer on another thread.
        let host = RnSmileIdHost(
            tagsRoot: try makeTempDirectory("smileid-rn").path, bundledConfig: nil
        ) { name, body in
            guard name == "onSignatureRequest" else { return }
            guard
                let event = try? JSONSerialization.jsonObject(with: Data(body.utf8))
                    as? [String: Any],
                let id = event["requestId"] as? String, event["partnerId"] as? String == partnerId
            else {
                return XCTFail("unexpected \(name) \(body)")
            }
            DispatchQueue.global().async {
                let s = try! sign(apiKey: apiKey, partnerId: partnerId)
                module.with { $0 }?.bridge.resolveSignature(
                    requestId: id, signature: s.signature, timestamp: s.timestamp)
            }
        }
        module.with { $0 = host }
        func call(_ method: String, _ argument: String) async -> String {
            await withCheckedContinuation { done in
                host.call(method, argument) { done.resume(returning: $0) }
            }
        }
        let config =
            #"{"partnerId":"\#(partnerId)","signatureProvider":true,"#
            + #""sandboxUrl":"\#(sandbox.baseUrl)"}"#
        let configured = await call("configure", config)
        XCTAssertEqual(configured, #"{"ok":null}"#)
        let selfie = try JSONSerialization.data(withJSONObject: [
            "selfie": TestEnv.face("obama_1.jpg").path, "tag": "signed",
        ])
        _ = await call("captureSelfieFromFiles", String(decoding: selfie, as: UTF8.self))
        let answer = await call(
            "submitJob", #"[{"tag":"signed","jobType":4,"jobStatusPollingTimeoutMillis":30000}]"#)
        XCTAssertTrue(answer.contains(#""ResultCode":"0840""#), answer)
    }

    func testOfflineQueueThenResume() async throws {
        let glue = try await configured(tag: "later")
        let queued = try await glue.ok(
            "enqueueJob", [["tag": "later", "jobType": 4, "jobStatusPollingTimeoutMillis": 30_000]])
        let jobId = try XCTUnwrap(queued as? String)
        let pending = try await glue.ok("pendingJobs") as? [[String: Any]]
        XCTAssertEqual(pending?.first?["jobId"] as? String, jobId)
        XCTAssertEqual(pending?.first?["state"] as? String, "captured")
        XCTAssertFalse(glue.host.bridge.cancelResume(), "no resume runs")
        let resumed = try await glue.ok("resumePendingJobs") as? [[String: Any]]
        XCTAssertEqual(resumed?.first?["jobId"] as? String, jobId)
        XCTAssertEqual(
            (resumed?.first?["result"] as? [String: Any])?["ResultCode"] as? String, "0840")
        let after = try await glue.ok("pendingJobs") as? [Any]
        XCTAssertEqual(after?.count, 0)
    }

    func testDocumentsEnhancedSmartSelfieAndTheLookUps() async throws {
        let glue = try await configured()
        _ = try await glue.ok(
            "captureSelfieFromFiles", ["selfie": TestEnv.face("obama_1.jpg").path, "tag": "doc"])
        let front = TestEnv.testdata.appendingPathComponent("documents/specimen_front_photo.jpg")
        let document =
            try await glue.ok("captureDocumentFromFiles", ["tag": "doc", "front": front.path])
            as? [String: Any]
        let frontPath = try XCTUnwrap(document?["frontPath"] as? String)
        XCTAssertTrue(FileManager.default.fileExists(atPath: frontPath))
        let passport = ["country": "NG", "idType": "PASSPORT"]
        let jt6 =
            try await glue.ok(
                "submitJob",
                [
                    [
                        "tag": "doc", "jobType": 6, "idInfo": passport,
                        "jobStatusPollingTimeoutMillis": 30_000,
                    ]
                ]) as? [String: Any]
        XCTAssertEqual(jt6?["ResultCode"] as? String, "0810")

        let v2 =
            try await glue.ok("submitJob", [["tag": "doc", "jobType": 4, "enhanced": true]])
            as? [String: Any]
        XCTAssertEqual(v2?["status"] as? String, "approved")
        XCTAssertEqual(v2?["enhanced"] as? Bool, true)

        let services = try await glue.ok("services", [String: Any]()) as? [String: Any]
        let hosted = services?["hosted_web"] as? [String: Any]
        XCTAssertNotNil((hosted?["doc_verification"] as? [String: Any])?["NG"])
        let config = try await glue.ok("productsConfig", [String: Any]()) as? [String: Any]
        XCTAssertNotNil((config?["idSelection"] as? [String: Any])?["enhanced_kyc"])
        let documents = try await glue.ok("validDocuments", [String: Any]()) as? [String: Any]
        XCTAssertFalse((documents?["valid_documents"] as? [Any])?.isEmpty ?? true)
    }
}
