// The module's plain Swift: the Rust bridge (RnBridge) over the app's tag folder, its events to
// JS, and the camera screen's documents. Arguments and answers are JSON strings that Rust reads
// and writes (envelopes `{"ok": …}` or `{"error": …}`); nothing here looks inside them.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

/// Hands the bridge's events (`onProgress`, `onSignatureRequest`, JSON bodies) to JS.
final class RnSmileIdEvents: RnEvents, @unchecked Sendable {
    private let send: (String, String) -> Void
    init(_ send: @escaping (String, String) -> Void) { self.send = send }
    func emit(name: String, body: String) { send(name, body) }
}

final class RnSmileIdHost {
    let bridge: RnBridge
    private let tagsRoot: String
    /// Why the tag folder could not be made private: every call then answers it.
    private let folderError: SmileIdError?

    init(tagsRoot: String, bundledConfig: String?, emit: @escaping (String, String) -> Void) {
        self.tagsRoot = tagsRoot
        do {
            // Excluded from backups: tags hold selfies.
            var folder = URL(fileURLWithPath: tagsRoot, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            try folder.setResourceValues(values)
            folderError = nil
        } catch {
            let detail = "the tag folder \(tagsRoot) cannot be made private: \(error)"
            folderError = .Storage(code: "storage", field: nil, detail: detail)
        }
        let events = RnSmileIdEvents(emit)
        bridge = RnBridge(tagsRoot: tagsRoot, bundledConfig: bundledConfig, events: events)
    }

    /// The spec's promise methods, by name, with their JSON argument ("" for those without one).
    private static let methods: [String: (RnBridge, String) async -> String] = [
        "configure": { await $0.configure(config: $1) },
        "submitJob": { await $0.submitJob(args: $1) },
        "enqueueJob": { await $0.enqueueJob(args: $1) },
        "jobStatus": { await $0.jobStatus(job: $1) },
        "pendingJobs": { bridge, _ in await bridge.pendingJobs() },
        "resumePendingJobs": { bridge, _ in await bridge.resumePendingJobs() },
        "captureSelfieFromFiles": { await $0.captureSelfieFromFiles(options: $1) },
        "getCurrentTags": { bridge, _ in await bridge.getCurrentTags() },
        "getImagesForTag": { await $0.getImagesForTag(tag: $1) },
        "deleteTag": { await $0.deleteTag(tag: $1) },
    ]

    /// Runs the spec method `method` off the JS thread; `resolve` gets its envelope.
    func call(_ method: String, _ argument: String, resolve: @escaping (String) -> Void) {
        guard let call = Self.methods[method] else { // a bug of the TurboModule
            let bug = SmileIdError.Internal(code: "internal", field: nil, detail: "no \(method)")
            return resolve(Self.errorEnvelope(bug))
        }
        if let error = folderError { return resolve(Self.errorEnvelope(error)) }
        Task.detached { [bridge] in resolve(await call(bridge, argument)) }
    }

    /// The camera screen's session (`captureSelfie`), saving into the app's tag folder, and its
    /// time limit. `options`: `{tag?, timeoutMillis?}`, 60 s by default.
    func captureSession(options: String) throws -> (CaptureSession, timeoutMillis: Int64) {
        struct Options: Decodable { let tag: String?, timeoutMillis: Int64? }
        guard let parsed = try? JSONDecoder().decode(Options.self, from: Data(options.utf8)),
              (parsed.timeoutMillis ?? 1) > 0 else {
            let detail = "options must be {tag?: string, timeoutMillis?: milliseconds above 0}"
            throw SmileIdError.InvalidInput(code: "invalid_input", field: "options", detail: detail)
        }
        if let error = folderError { throw error }
        let tag = parsed.tag.flatMap { $0.isEmpty ? nil : $0 }
        let session = try CaptureSession(store: TagStore(root: tagsRoot), tag: tag, options: nil)
        return (session, parsed.timeoutMillis ?? 60_000)
    }

    /// What `captureSelfie` resolves with: the envelope of the tag's CapturedSelfie, or the error.
    func captured(_ result: Result<String, Error>) -> String {
        switch result {
        case let .success(tag): return bridge.capturedSelfie(tag: tag)
        case let .failure(error): return Self.errorEnvelope(error)
        }
    }

    /// `{"error": {code, message, field?}}`: the library's code, the camera screen's, or internal.
    static func errorEnvelope(_ error: Error) -> String {
        var document: [String: Any]
        switch error {
        case let e as RnSmileIdCaptureError: document = ["code": e.rawValue, "message": e.message]
        case let e as SmileIdError:
            document = ["code": e.errorCode(), "message": e.errorDetail()]
            document["field"] = e.errorField()
        default: document = ["code": "internal", "message": String(describing: error)]
        }
        // Strings only: serialisation cannot fail.
        let json = try! JSONSerialization.data(withJSONObject: ["error": document])
        return String(decoding: json, as: UTF8.self)
    }
}
