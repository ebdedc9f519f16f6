import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Bad inputs throw typed errors carrying core's stable code and the field to fix.
final class ErrorTests: SandboxTestCase {
    private var store: TagStore!
    private var tag = ""

    override func setUp() async throws {
        (store, tag) = try photoTag(tag: "good")
    }

    /// Submits the good tag with `auth`.
    private func submit(auth: Auth) async throws {
        _ = try await client(store, auth: auth).submitJob(
            params: jobParams(tag: tag, timeoutMillis: 10_000))
    }

    func testEachBadSubmitJobParameterNamesItsField() async throws {
        func submit(_ params: SubmitJobParams) async throws {
            _ = try await client(store).submitJob(params: params)
        }
        await expectError("InvalidInput", code: "invalid_input", field: "tag") {
            try await submit(jobParams(tag: "../etc"))
        }
        await expectError("UnsupportedJobType", code: "unsupported_job_type", field: "job_type") {
            try await submit(jobParams(tag: tag, jobType: 3))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "partner_params.user_id") {
            try await submit(jobParams(tag: tag, jobType: 2))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "id_info") {
            try await submit(jobParams(tag: tag, jobType: 1))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "id_info.id_number") {
            try await submit(
                jobParams(
                    tag: tag, jobType: 1,
                    idInfo: IdInfo(country: "NG", idType: "BVN", idNumber: "12")))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "callback_url") {
            try await submit(jobParams(tag: tag, callbackUrl: "ftp://example.com"))
        }
        await expectError(
            "InvalidInput", code: "invalid_input", field: "job_status_polling_timeout_millis"
        ) {
            try await submit(jobParams(tag: tag, timeoutMillis: -1))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "geo_info.latitude") {
            try await submit(
                jobParams(
                    tag: tag,
                    geoInfo: GeoInfo(
                        accuracy: 0, altitude: 0, latitude: 91, longitude: 0, lastUpdate: "",
                        isGeoPermissionGranted: true)))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "partner_params.job_type") {
            try await submit(jobParams(tag: tag, extras: ["job_type": "1"]))
        }
        await expectError("TagNotFound", code: "tag_not_found", field: "tag") {
            try await submit(jobParams(tag: "missing"))
        }
        // None of it touched the tag.
        XCTAssertTrue(try store.exists(tag: tag))
    }

    func testBadConfigurationIsRefusedWhenTheClientIsMade() async throws {
        func make(
            partnerId: String? = nil, auth: Auth? = nil, sandboxUrl: String? = nil,
            pollIntervalMillis: Int64 = 50, productionUrl: String? = nil
        ) throws {
            let config = ClientConfig(
                partnerId: partnerId ?? sandbox.partnerId,
                auth: auth ?? .apiKey(apiKey: sandbox.apiKey),
                sandboxUrl: sandboxUrl ?? sandbox.baseUrl,
                productionUrl: productionUrl,
                pollIntervalMillis: pollIntervalMillis
            )
            _ = try SmileIdClient(config: config, tags: store)
        }
        await expectError("InvalidInput", code: "invalid_input", field: "partner_id") {
            try make(partnerId: " ")
        }
        await expectError("InvalidInput", code: "invalid_input", field: "auth") {
            try make(auth: .apiKey(apiKey: ""))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "sandbox_url") {
            try make(sandboxUrl: "not a url")
        }
        await expectError("InvalidInput", code: "invalid_input", field: "poll_interval_millis") {
            try make(pollIntervalMillis: -5)
        }
        await expectError("InvalidInput", code: "invalid_input", field: "production_url") {
            try make(productionUrl: "ftp://x")
        }
    }

    func testProductionRefusesPlainHttp() async throws {
        let config = ClientConfig(
            partnerId: sandbox.partnerId, auth: .apiKey(apiKey: sandbox.apiKey),
            productionUrl: sandbox.baseUrl)
        let client = try SmileIdClient(config: config, tags: store)
        await expectError("InsecureTransport", code: "insecure_transport", field: nil) {
            _ = try await client.submitJob(
                params: jobParams(tag: tag, isProduction: true, timeoutMillis: 10_000))
        }
    }

    func testTheServersRefusalIsAnApiErrorWithItsCode() async throws {
        let error = await expectError("Api", code: "api_error", field: nil) {
            try await submit(auth: .apiKey(apiKey: "wrong-key"))
        }
        guard case .Api(_, _, _, let apiCode, let httpStatus) = error else {
            return XCTFail("\(String(describing: error))")
        }
        XCTAssertFalse(apiCode.isEmpty)
        XCTAssertTrue((400...499).contains(httpStatus), "HTTP \(httpStatus)")
    }

    func testASignatureProvidersFailureFailsTheJob() async throws {
        let error = await expectError("Network", code: "network", field: nil) {
            try await submit(
                auth: .signatureProvider(
                    provider: FailingBackend(
                        error: SmileIdError.Network(
                            code: "network", field: nil, detail: "backend unreachable"))))
        }
        XCTAssertTrue(
            error?.errorDetail().contains("backend unreachable") ?? false,
            "\(String(describing: error))")
        // An error of the app's own type is a failure to reach the backend too.
        await expectError("Network", code: "network", field: nil) {
            try await submit(auth: .signatureProvider(provider: FailingBackend(error: AppBug())))
        }
    }

    func testBadPhotosAndTags() async throws {
        let scratch = try tempStore()
        let obama1 = try TestEnv.faceData("obama_1.jpg")
        await expectError("InvalidImage", code: "invalid_image", field: "selfie") {
            _ = try captureFromFiles(
                store: scratch, tag: "nobody", selfie: try TestEnv.faceData("no_face_coffee.jpg"))
        }
        await expectError("InvalidImage", code: "invalid_image", field: "selfie") {
            _ = try captureFromFiles(
                store: scratch, tag: "two",
                selfie: try TestEnv.faceData("two_faces_composite_obama_biden.jpg"))
        }
        await expectError("InvalidImage", code: "invalid_image", field: "selfie") {
            _ = try captureFromFiles(store: scratch, selfie: Data([1, 2, 3]))
        }
        await expectError("InvalidInput", code: "invalid_input", field: "liveness") {
            _ = try captureFromFiles(
                store: scratch, selfie: obama1, liveness: [try TestEnv.faceData("obama_2.jpg")])
        }
        await expectError("InvalidInput", code: "invalid_input", field: "options.liveness_frames") {
            _ = try captureFromFiles(
                store: scratch, selfie: obama1, options: CaptureOptions(livenessFrames: -1))
        }
        XCTAssertEqual(try scratch.list(), [], "failed captures save nothing")
        XCTAssertFalse(try scratch.exists(tag: "nobody"))
        await expectError("TagNotFound", code: "tag_not_found", field: "tag") {
            _ = try scratch.images(tag: "missing")
        }
        await expectError("TagNotFound", code: "tag_not_found", field: "tag") {
            try scratch.delete(tag: "missing")
        }
        await expectError("InvalidInput", code: "invalid_input", field: "tag") {
            _ = try scratch.images(tag: "a/b")
        }
        await expectError("TagNotFound", code: "tag_not_found", field: "tag") {
            _ = try addIdCard(store: scratch, tag: "missing", side: .back, image: obama1)
        }
    }

    func testCallbackVerification() async throws {
        let signed = try sign(apiKey: sandbox.apiKey, partnerId: sandbox.partnerId)
        let body =
            #"{"ResultCode":"0840","ResultText":"Enroll User","SmileJobID":"0000000001","#
            + #""timestamp":"\#(signed.timestamp)","signature":"\#(signed.signature)"}"#
        XCTAssertEqual(
            try verifyCallback(apiKey: sandbox.apiKey, partnerId: sandbox.partnerId, body: body)
                .resultCode, "0840")
        await expectError("SignatureMismatch", code: "signature_mismatch", field: nil) {
            _ = try verifyCallback(apiKey: "other-key", partnerId: sandbox.partnerId, body: body)
        }
        await expectError("InvalidResponse", code: "invalid_response", field: nil) {
            _ = try verifyCallback(apiKey: sandbox.apiKey, partnerId: sandbox.partnerId, body: "{")
        }
    }
}

struct AppBug: Error {}

/// A backend that cannot sign.
final class FailingBackend: SignatureProvider, @unchecked Sendable {
    private let error: Error

    init(error: Error) {
        self.error = error
    }

    func signature(partnerId: String) throws -> RequestSignature {
        throw error
    }
}
