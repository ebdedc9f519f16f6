import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// A test class with a sandbox of its own, started before its first test and stopped after its
/// last. Subclasses override `processingDelayMs` for slower jobs, `faults` to inject faults and
/// `tls` for https.
class SandboxTestCase: XCTestCase {
    /// How long the sandbox keeps each job processing.
    class var processingDelayMs: Int { 200 }
    /// The sandbox's `--faults` rules.
    class var faults: String? { nil }
    /// Whether the sandbox serves https, with a CA of its own.
    class var tls: Bool { false }

    private static var running: [ObjectIdentifier: Sandbox] = [:]

    var sandbox: Sandbox { Self.running[ObjectIdentifier(type(of: self))]! }

    override class func setUp() {
        super.setUp()
        do {
            running[ObjectIdentifier(self)] = try Sandbox(
                processingDelayMs: processingDelayMs, faults: faults, tls: tls)
        } catch {
            fatalError("cannot start the sandbox: \(error)")
        }
    }

    override class func tearDown() {
        running.removeValue(forKey: ObjectIdentifier(self))?.close()
        super.tearDown()
    }

    /// A client of this class's sandbox.
    func client(_ store: TagStore, auth: Auth? = nil, keepTags: Bool = true) throws -> SmileIdClient
    {
        try SmileIdClient(config: sandbox.config(auth: auth, keepTags: keepTags), tags: store)
    }

    /// A fresh store holding one tag captured from a face photo; returns both.
    func photoTag(_ photo: String = "obama_1.jpg", tag: String? = nil) throws -> (TagStore, String)
    {
        let store = try tempStore()
        return (
            store, try captureFromFiles(store: store, tag: tag, selfie: try TestEnv.faceData(photo))
        )
    }
}
