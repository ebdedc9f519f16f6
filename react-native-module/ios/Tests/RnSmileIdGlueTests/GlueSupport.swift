import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import RnSmileIdGlue

/// The module's plain Swift over a fresh tag folder, called as the TurboModule calls it (a spec
/// method's name and JSON string in, the envelope string out), recording every event to JS.
final class GlueHost {
    let host: RnSmileIdHost
    private let events = Locked<[(name: String, body: [String: Any])]>([])
    /// Events awaited by `event(_:)`, resumed by the first event that matches.
    private let waiters = Locked<
        [(match: ([String: Any]) -> Bool, CheckedContinuation<Void, Never>)]
    >([])

    init(bundledConfig: String? = nil, tagsRoot: String? = nil) throws {
        let root = try tagsRoot ?? makeTempDirectory("smileid-rn").path
        let (events, waiters) = (self.events, self.waiters)
        host = RnSmileIdHost(tagsRoot: root, bundledConfig: bundledConfig) { name, body in
            let parsed =
                (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
            XCTAssertNotNil(parsed, "\(name) body is a JSON object: \(body)")
            let event = parsed ?? [:]
            events.with { $0.append((name, event)) }
            let ready = waiters.with { list -> [CheckedContinuation<Void, Never>] in
                let (matched, rest) = (
                    list.filter { $0.match(event) }, list.filter { !$0.match(event) }
                )
                list = rest
                return matched.map { $0.1 }
            }
            for waiter in ready { waiter.resume() }
        }
    }

    /// Calls the spec method `method` with `argument` (a string as it is, as a tag; other values
    /// as JSON; none: ""); answers the envelope.
    func call(_ method: String, _ argument: Any? = nil) async -> [String: Any] {
        let json =
            argument.map {
                $0 as? String
                    ?? String(
                        decoding: try! JSONSerialization.data(
                            withJSONObject: $0), as: UTF8.self)
            } ?? ""
        let answer = await withCheckedContinuation { done in
            host.call(method, json) { done.resume(returning: $0) }
        }
        let envelope =
            (try? JSONSerialization.jsonObject(with: Data(answer.utf8))) as? [String: Any]
        XCTAssertNotNil(envelope, "\(method) answers a JSON object: \(answer)")
        return envelope ?? [:]
    }

    /// The `ok` value of `method`'s envelope; fails the test on an error envelope.
    func ok(
        _ method: String, _ argument: Any? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> Any {
        let envelope = await call(method, argument)
        XCTAssertNil(envelope["error"], "\(method) failed", file: file, line: line)
        return try XCTUnwrap(
            envelope.keys.contains("ok") ? envelope["ok"] : nil, "\(envelope)", file: file,
            line: line)
    }

    /// The `onProgress` events so far.
    func progress() -> [[String: Any]] {
        events.with { $0.filter { $0.name == "onProgress" }.map { $0.body } }
    }

    /// Returns once an event (sent already, or later) matches.
    func event(_ match: @escaping ([String: Any]) -> Bool) async {
        await withCheckedContinuation { (waiting: CheckedContinuation<Void, Never>) in
            let seen = events.with { sent in
                if sent.contains(where: { match($0.body) }) { return true }
                waiters.with { $0.append((match, waiting)) }
                return false
            }
            if seen { waiting.resume() }
        }
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

/// The error document of `envelope`, which must have this code and field.
@discardableResult
func expectError(
    _ code: String, field: String?, _ envelope: [String: Any], file: StaticString = #filePath,
    line: UInt = #line
) -> [String: Any] {
    let error = envelope["error"] as? [String: Any] ?? [:]
    XCTAssertNil(envelope["ok"], "expected \(code), got \(envelope)", file: file, line: line)
    XCTAssertEqual(error["code"] as? String, code, "\(envelope)", file: file, line: line)
    XCTAssertEqual(error["field"] as? String, field, "\(envelope)", file: file, line: line)
    XCTAssertFalse((error["message"] as? String ?? "").isEmpty, file: file, line: line)
    return error
}

/// Waits until `condition` holds, checking every 10 ms; fails after 30 s.
func waitUntil(
    _ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(30)
    while !condition() {
        guard Date() < deadline else {
            return XCTFail("timed out waiting for \(what)", file: file, line: line)
        }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
}

extension Sandbox {
    /// `configure()`'s object for this sandbox, polling every 50 ms, keeping tags after success.
    func configuration(_ extra: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "partnerId": partnerId, "authToken": authToken, "sandboxUrl": baseUrl,
            "pollIntervalMillis": 50,
            "keepTagsAfterSuccess": true,
        ]
        return base.merging(extra) { $1 }
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
            running[ObjectIdentifier(self)] = try Sandbox(
                processingDelayMs: processingDelayMs, faults: faults)
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
        let glue = try GlueHost()
        let configured = try await glue.ok("configure", sandbox.configuration())
        XCTAssertTrue(configured is NSNull)
        if let name = name {
            _ = try await glue.ok(
                "captureSelfieFromFiles", ["selfie": TestEnv.face("obama_1.jpg").path, "tag": name])
        }
        return glue
    }
}
