import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Document Verification (jobs 6 and 11), Enhanced SmartSelfie (v2) and the look-ups a form
/// needs, against the sandbox with the specimen document photos and real faces.
final class ProductsTests: SandboxTestCase {
    override class var processingDelayMs: Int { 0 }

    func testDocumentPhotosAreCheckedThenJobs6And11ReadTheDocument() async throws {
        let (store, tag) = try photoTag("obama_1.jpg")
        await expectError("InvalidImage", code: "invalid_image", field: "front") {
            _ = try captureDocumentFromFiles(
                store: store, tag: tag, front: try TestEnv.documentData("specimen_front_small.jpg"))
        }
        await expectError("InvalidImage", code: "invalid_image", field: "back") {
            _ = try captureDocumentFromFiles(
                store: store, tag: tag, front: try TestEnv.documentData("specimen_front.jpg"),
                back: try TestEnv.documentData("specimen_front_dark.jpg"))
        }
        let images = try captureDocumentFromFiles(
            store: store, tag: tag, front: try TestEnv.documentData("specimen_front_photo.jpg"),
            back: try TestEnv.documentData("specimen_back.jpg"))
        XCTAssertNotNil(images.idCardFront)
        XCTAssertNotNil(images.idCardBack)

        let documents = try client(store)
        let passport = IdInfo(country: "NG", idType: "PASSPORT")
        for jobType: Int64 in [6, 11] {
            let result = try await documents.submitJob(
                params: jobParams(tag: tag, jobType: jobType, idInfo: passport))
            let jobResult = try XCTUnwrap(result.status.result, result.status.raw)
            XCTAssertEqual(jobResult.resultCode, "0810")
            let fields = try documentFields(result: jobResult)
            XCTAssertEqual(fields.idType, "PASSPORT")
            XCTAssertEqual(fields.documentCheck, "Passed")
            XCTAssertNotNil(fields.expirationDate)
            XCTAssertEqual(fields.verifyDocument, jobType == 11 ? "Verified" : "Not Applicable")
        }
        await expectError("InvalidInput", code: "invalid_input", field: "id_info") {
            _ = try await documents.submitJob(params: jobParams(tag: tag, jobType: 6))
        }
    }

    func testEnhancedSmartSelfieEnrolsAndAuthenticatesInOneRequestEach() async throws {
        let (store, enrolTag) = try photoTag("obama_2.jpg")
        let v2 = try client(store)
        let enrolled = try await v2.submitSmartSelfie(
            params: jobParams(tag: enrolTag, jobType: 4, userId: "user-swift-v2", jobId: "swift-v2")
        )
        XCTAssertEqual(enrolled.status, .approved)
        XCTAssertEqual(enrolled.journalJobId, "swift-v2")
        XCTAssertNil(enrolled.incompleteReason)
        let answer =
            try JSONSerialization.jsonObject(with: Data(enrolled.raw.utf8)) as? [String: Any]
        XCTAssertEqual(answer?["status"] as? String, "approved")

        let authTag = try captureFromFiles(
            store: store, selfie: try TestEnv.faceData("obama_3.jpg"))
        let authenticated = try await v2.submitSmartSelfie(
            params: jobParams(tag: authTag, jobType: 2, userId: "user-swift-v2"))
        XCTAssertEqual(authenticated.status, .approved)
        XCTAssertEqual(authenticated.jobType, 2)
        await expectError("InvalidInput", code: "invalid_input", field: "job_type") {
            _ = try await v2.submitSmartSelfie(params: jobParams(tag: authTag, jobType: 1))
        }
    }

    func testLookUpsListCountriesAndIdTypesForPickers() async throws {
        let lookups = try client(try tempStore())
        let services = try await lookups.services(isProduction: false)
        let nigeria = try XCTUnwrap(services.enhancedKyc.first { $0.code == "NG" })
        XCTAssertTrue(
            nigeria.idTypes.contains { $0.code == "BVN" && $0.requiredFields.contains("id_number") }
        )
        XCTAssertEqual(services.enhancedKyc.map(\.code), services.enhancedKyc.map(\.code).sorted())
        let config = try await lookups.productsConfig(isProduction: false)
        XCTAssertTrue(config.enhancedKyc["NG"]?.contains("BANK_ACCOUNT") ?? false)
        let documents = try await lookups.validDocuments(isProduction: false)
        XCTAssertTrue(
            documents.contains { $0.country.code == "NG" && $0.idTypes.contains(where: \.hasBack) })
    }
}
