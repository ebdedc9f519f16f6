import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// A Rust panic becomes a Swift error, never a crash, and the library keeps working (the
/// test-hooks feature exports functions that panic).
final class PanicTests: SandboxTestCase {
    func testAPanicInACallThrowsAndTheLibraryKeepsWorking() async throws {
        for attempt in 0..<3 {
            XCTAssertThrowsError(try testHookPanic(message: "boom \(attempt)")) { error in
                XCTAssertTrue("\(error)".contains("boom \(attempt)"), "\(error)")
            }
        }
        let error = await expectError("Internal", code: "internal", field: nil) {
            try await testHookPanicAsync(message: "bang")
        }
        XCTAssertTrue(
            error?.errorDetail().contains("bang") ?? false, "\(String(describing: error))")

        // Still alive: a sync call, then a whole job on the library's runtime.
        XCTAssertFalse(libraryVersion().isEmpty)
        let (store, tag) = try photoTag()
        let result = try await client(store).submitJob(params: jobParams(tag: tag))
        XCTAssertEqual(result.status.result?.resultCode, "0840")
    }
}
