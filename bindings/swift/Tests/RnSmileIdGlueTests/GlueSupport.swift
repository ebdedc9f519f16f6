import Foundation
@testable import RnSmileIdGlue
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// The module's calls over a fresh tag store, recording every event sent to JS.
final class GlueHost {
    let calls: RnSmileIdCalls
    private let events = Locked<[(name: String, body: [String: Any])]>([])

    init(bundledConfig: Data? = nil) throws {
        let store = try TagStore(root: try makeTempDirectory("smileid-rn").path)
        let events = self.events
        calls = RnSmileIdCalls(store: { store }, bundledConfig: { bundledConfig }, emit: { name, body in
            events.with { $0.append((name, body)) }
        })
    }

    /// The `onProgress` events so far.
    func progress() -> [[String: Any]] {
        events.with { $0.filter { $0.name == "onProgress" }.map { $0.body } }
    }
}

/// A value shared with callbacks on other threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func with<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// What JS hands over: an NSDictionary of JSON values.
func js(_ values: [String: Any]) -> NSDictionary {
    values as NSDictionary
}

extension Sandbox {
    /// `configure()`'s object for this sandbox, polling every 50 ms, keeping tags after success.
    func configure(_ extra: [String: Any] = [:]) -> NSDictionary {
        let base: [String: Any] = [
            "partnerId": partnerId, "authToken": authToken, "sandboxUrl": baseUrl, "pollIntervalMillis": 50,
            "keepTagsAfterSuccess": true,
        ]
        return js(base.merging(extra) { $1 })
    }
}

/// Runs `body`, which must fail as JS would see it: this code and, in userInfo, this field.
@discardableResult
func expectRejection(_ code: String, field: String?, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Any?) async -> RnSmileIdConversions.Rejection? {
    do {
        let value = try await body()
        XCTFail("resolved with \(String(describing: value)), expected \(code)", file: file, line: line)
        return nil
    } catch {
        let r = RnSmileIdConversions.rejection(error)
        XCTAssertEqual(r.code, code, "\(error)", file: file, line: line)
        XCTAssertEqual(r.userInfo["code"] as? String, code, file: file, line: line)
        XCTAssertEqual(r.userInfo["field"] as? String, field, "\(error)", file: file, line: line)
        XCTAssertFalse(r.message.isEmpty, file: file, line: line)
        return r
    }
}

/// Waits until `condition` holds, checking every 10 ms; fails after 30 s.
func waitUntil(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(30)
    while !condition() {
        guard Date() < deadline else {
            XCTFail("timed out waiting for \(what)", file: file, line: line)
            return
        }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
}

/// A test class with its own sandbox for all its tests.
class GlueTestCase: XCTestCase {
    class var processingDelayMs: Int { 200 }
    class var faults: String? { nil }

    private static var running: [ObjectIdentifier: Sandbox] = [:]
    var sandbox: Sandbox { Self.running[ObjectIdentifier(type(of: self))]! }

    override class func setUp() {
        super.setUp()
        do {
            running[ObjectIdentifier(self)] = try Sandbox(processingDelayMs: processingDelayMs, faults: faults)
        } catch {
            fatalError("cannot start the sandbox: \(error)")
        }
    }

    override class func tearDown() {
        running.removeValue(forKey: ObjectIdentifier(self))?.close()
        super.tearDown()
    }

    /// A configured module holding the tag `name` captured from a face photo.
    func configured(tag name: String? = nil) async throws -> GlueHost {
        let host = try GlueHost()
        try host.calls.configure(sandbox.configure())
        if let name = name {
            _ = try host.calls.captureSelfieFromFiles(js(["selfie": TestEnv.face("obama_1.jpg").path, "tag": name]))
        }
        return host
    }
}
