import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Enhanced KYC (job 5) against the sandbox: the ID details alone, answered at once, with the
/// sandbox's documented outcome per test number, and bad ID details refused with the field.
final class EnhancedKycTests: SandboxTestCase {
    private func params(_ idInfo: IdInfo?, userId: String = "user-\(UUID())") -> EnhancedKycParams {
        EnhancedKycParams(
            isProduction: false,
            partnerParams: PartnerParams(jobId: "", userId: userId, extras: ["my_ref": "A-17"]),
            idInfo: idInfo,
            phoneNumber: nil,
            consentInformation: nil,
            callbackUrl: nil
        )
    }

    private func bvn(_ number: String) -> IdInfo {
        IdInfo(country: "NG", idType: "BVN", idNumber: number)
    }

    func testAValidatedIdReturnsThePersonAMissingOneIsNotVerified() async throws {
        let kyc = try client(try tempStore(), auth: .authToken(authToken: sandbox.authToken))
        let userId = "user-\(UUID())"
        let found = try await kyc.enhancedKyc(params: params(bvn("00000000000"), userId: userId))
        XCTAssertEqual(found.resultCode, "1012")
        XCTAssertTrue(found.verified)
        XCTAssertEqual(found.fullName, "Joe Leo Doe")
        XCTAssertEqual(
            [found.country, found.idType, found.idNumber], ["NG", "BVN", "00000000000"])
        XCTAssertEqual(found.actions["Verify_ID_Number"], "Verified")
        XCTAssertEqual(found.partnerParams["job_type"], "5")
        XCTAssertEqual(found.partnerParams["user_id"], userId)
        XCTAssertEqual(found.partnerParams["my_ref"], "A-17")
        let json = try JSONSerialization.jsonObject(with: Data(found.json.utf8)) as? [String: Any]
        XCTAssertEqual(json?["SmileJobID"] as? String, found.smileJobId)

        let missing = try await kyc.enhancedKyc(params: params(bvn("00000000001")))
        XCTAssertEqual(missing.resultCode, "1013")
        XCTAssertFalse(missing.verified)
    }

    func testBadIdDetailsNameTheField() async throws {
        let kyc = try client(try tempStore())
        let cases: [(String, IdInfo?)] = [
            ("id_info", nil),
            ("id_info.id_number", IdInfo(country: "NG", idType: "BVN")),
            (
                "id_info.bank_code",
                IdInfo(country: "NG", idType: "BANK_ACCOUNT", idNumber: "0000000000")
            ),
        ]
        for (field, idInfo) in cases {
            await expectError("InvalidInput", code: "invalid_input", field: field) {
                _ = try await kyc.enhancedKyc(params: self.params(idInfo))
            }
        }
    }
}
