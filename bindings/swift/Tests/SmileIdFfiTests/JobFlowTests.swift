import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Photo capture → JT4 → JT2 → JT1 against the sandbox, in every auth mode.
final class JobFlowTests: SandboxTestCase {
    func testPhotoCaptureThenEnrolmentAuthenticationAndBiometricKyc() async throws {
        let (store, tag) = try photoTag(tag: "obama")
        XCTAssertEqual(tag, "obama")
        let images = try store.images(tag: tag)
        XCTAssertNotNil(images.selfie)
        XCTAssertEqual(images.liveness.count, 7)
        XCTAssertTrue(images.liveness.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        XCTAssertEqual(try store.list().map(\.tag), ["obama"])
        XCTAssertEqual(try store.list().first?.source, "files")

        let client = try client(store)
        let userId = "user-\(UUID().uuidString)"

        let enrol = try await client.submitJob(
            params: jobParams(tag: tag, jobType: 4, userId: userId, extras: ["my_ref": "A-17"])
        )
        XCTAssertEqual(enrol.jobType, 4)
        XCTAssertEqual(enrol.userId, userId)
        XCTAssertTrue(enrol.jobId.hasPrefix("job-"), "a job id is generated: \(enrol.jobId)")
        XCTAssertFalse(enrol.timedOut)
        XCTAssertTrue(enrol.status.jobComplete && enrol.status.jobSuccess)
        let enrolled = try XCTUnwrap(enrol.status.result)
        XCTAssertEqual(enrolled.resultCode, "0840")
        XCTAssertEqual(enrolled.resultText, "Enroll User")
        XCTAssertEqual(enrolled.actions["Liveness_Check"], "Passed")
        XCTAssertEqual(enrolled.partnerParams["my_ref"], "A-17")
        XCTAssertEqual(enrolled.partnerParams["job_type"], "4")
        XCTAssertEqual(enrolled.smileJobId, enrol.smileJobId)
        // The typed fields, the JSON object and the raw body agree.
        XCTAssertEqual(try object(enrolled.json)["ResultCode"] as? String, "0840")
        let raw = try object(enrol.status.raw)
        XCTAssertEqual(
            (raw["result"] as? [String: Any])?["SmileJobID"] as? String, enrolled.smileJobId)
        XCTAssertEqual(try object(enrol.status.json)["code"].map { "\($0)" }, enrol.status.code)

        let auth = try await client.submitJob(
            params: jobParams(tag: tag, jobType: 2, userId: userId))
        XCTAssertEqual(auth.status.result?.resultCode, "0820")
        XCTAssertEqual(auth.status.result?.actions["Liveness_Check"], "Passed")

        let front = try addIdCard(
            store: store, tag: tag, side: .front, image: try TestEnv.faceData("grace_hopper.jpg"))
        XCTAssertEqual(try store.images(tag: tag).idCardFront, front)
        let kyc = try await client.submitJob(
            params: jobParams(
                tag: tag,
                jobType: 1,
                userId: userId,
                idInfo: bvn,
                geoInfo: GeoInfo(
                    accuracy: 10, altitude: 20, latitude: 6.5, longitude: 3.4,
                    lastUpdate: "2025-06-15T12:00:00Z", isGeoPermissionGranted: true)
            )
        )
        let verified = try XCTUnwrap(kyc.status.result)
        XCTAssertEqual(verified.resultCode, "0810")
        XCTAssertEqual(verified.actions["Verify_ID_Number"], "Verified")
        XCTAssertEqual(verified.fullName, "Joe Leo Doe")
        XCTAssertEqual(verified.country, "NG")
        XCTAssertEqual(verified.idType, "BVN")

        // The journal knows all three and has nothing pending; jobStatus asks again.
        XCTAssertEqual(try client.pendingJobs(), [])
        let again = try await client.jobStatus(
            job: JobRef(jobId: kyc.jobId, userId: userId, jobType: 1))
        XCTAssertEqual(again.result?.resultCode, "0810")
        // keepTagsAfterSuccess: the tag is still there.
        XCTAssertTrue(try store.exists(tag: tag))
    }

    func testAuthTokenMode() async throws {
        let (store, tag) = try photoTag("obama_2.jpg")
        let client = try client(
            store, auth: .authToken(authToken: sandbox.authToken), keepTags: false)
        let result = try await client.submitJob(params: jobParams(tag: tag))
        XCTAssertEqual(result.status.result?.resultCode, "0840")
        // By default a succeeded job's tag is released.
        XCTAssertFalse(try store.exists(tag: tag))
    }

    func testSignatureProviderModeSignsOnThePartnersSide() async throws {
        let (store, tag) = try photoTag("obama_3.jpg")
        let backend = PartnerBackend(apiKey: sandbox.apiKey)
        let client = try client(store, auth: .signatureProvider(provider: backend))
        let result = try await client.submitJob(params: jobParams(tag: tag))
        XCTAssertEqual(result.status.result?.resultCode, "0840")
        XCTAssertGreaterThan(backend.calls, 0, "the provider was asked for a signature")
    }

    private func object(_ json: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }
}

/// A partner's backend: signs with the API key the app never holds.
final class PartnerBackend: SignatureProvider, @unchecked Sendable {
    private let apiKey: String
    private let lock = NSLock()
    private var count = 0

    init(apiKey: String) {
        self.apiKey = apiKey
    }

    var calls: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func signature(partnerId: String) throws -> RequestSignature {
        lock.lock()
        count += 1
        lock.unlock()
        return try sign(apiKey: apiKey, partnerId: partnerId)
    }
}
