import Foundation
import SmileIdFfi
import XCTest

// The tests build job parameters and read errors through these helpers only, so a change to
// the bindings' signatures touches a few lines here.

/// submitJob/startJob parameters.
func jobParams(
    tag: String,
    jobType: Int64 = 4,
    userId: String = "",
    jobId: String = "",
    extras: [String: String] = [:],
    idInfo: IdInfo? = nil,
    geoInfo: GeoInfo? = nil,
    callbackUrl: String? = nil,
    isProduction: Bool = false,
    timeoutMillis: Int64 = 30_000
) -> SubmitJobParams {
    SubmitJobParams(
        tag: tag,
        jobType: jobType,
        isProduction: isProduction,
        partnerParams: PartnerParams(jobId: jobId, userId: userId, extras: extras),
        idInfo: idInfo,
        geoInfo: geoInfo,
        callbackUrl: callbackUrl,
        jobStatusPollingTimeoutMillis: timeoutMillis
    )
}

/// The Biometric KYC ID the sandbox verifies.
let bvn = IdInfo(country: "NG", idType: "BVN", idNumber: "00000000000")

/// The case name of an error (`InvalidInput`, `Cancelled`, ...).
func kind(_ error: Error) -> String {
    Mirror(reflecting: error).children.first?.label ?? String(describing: error)
}

/// Runs `body`, which must throw a `SmileIdError` of `kind` with this stable code and field;
/// returns the error.
@discardableResult
func expectError(
    _ expectedKind: String,
    code: String,
    field: String?,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ body: () async throws -> Void
) async -> SmileIdError? {
    do {
        try await body()
        XCTFail("no error, expected \(expectedKind)", file: file, line: line)
        return nil
    } catch let error as SmileIdError {
        XCTAssertEqual(kind(error), expectedKind, "\(error)", file: file, line: line)
        XCTAssertEqual(error.errorCode(), code, "\(error)", file: file, line: line)
        XCTAssertEqual(error.errorField(), field, "\(error)", file: file, line: line)
        XCTAssertFalse(
            error.errorDetail().trimmingCharacters(in: .whitespaces).isEmpty, file: file, line: line
        )
        return error
    } catch {
        XCTFail("\(error) is not a SmileIdError", file: file, line: line)
        return nil
    }
}

struct WaitTimedOut: Error {
    let what: String
}

/// Waits until `condition` holds, checking every 10 ms; throws after 30 s.
func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(30)
    while !condition() {
        guard Date() < deadline else { throw WaitTimedOut(what: what) }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
}

func sleep(millis: UInt64) async throws {
    try await Task.sleep(nanoseconds: millis * 1_000_000)
}
