// The module's plain Swift: the Rust bridge (RnBridge) over the app's tag folder, and its events
// to JS. Arguments and answers are JSON strings that Rust reads and writes (envelopes
// `{"ok": …}` or `{"error": …}`); nothing here looks inside them.

import Foundation

// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
    import SmileIdFfi
#endif

/// Hands the bridge's events (`onProgress`, `onSignatureRequest`, JSON bodies) to JS. iOS
/// pickers hand over file URLs, so there is no URI only the platform can open.
final class RnSmileIdPlatform: RnPlatform, @unchecked Sendable {
    private let send: (String, String) -> Void
    init(_ send: @escaping (String, String) -> Void) { self.send = send }
    func emit(name: String, body: String) { send(name, body) }
    func readUri(uri: String) -> Data? { nil }
    /// The app's URLSession (its proxy, App Transport Security rules and the system's trust
    /// store), with the pins `configure` was given (already checked). Where URLSession cannot
    /// enforce pins (Linux: the glue's tests) there is none, and the bridge refuses the pins.
    func httpTransport(certificatePins: [String: [String]]) -> HttpTransport? {
        try? URLSessionTransport(pins: certificatePins)
    }
}

final class RnSmileIdHost {
    let bridge: RnBridge
    /// Why the tag folder could not be made private: every call then answers it.
    private let folderError: String?

    init(tagsRoot: String, bundledConfig: String?, emit: @escaping (String, String) -> Void) {
        do {
            // Excluded from backups: tags hold selfies.
            var folder = URL(fileURLWithPath: tagsRoot, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            try folder.setResourceValues(values)
            folderError = nil
        } catch {
            folderError = "the tag folder \(tagsRoot) cannot be made private: \(error)"
        }
        let platform = RnSmileIdPlatform(emit)
        bridge = RnBridge(tagsRoot: tagsRoot, bundledConfig: bundledConfig, platform: platform)
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
        "captureDocumentFromFiles": { await $0.captureDocumentFromFiles(options: $1) },
        "services": { await $0.services(options: $1) },
        "productsConfig": { await $0.productsConfig(options: $1) },
        "validDocuments": { await $0.validDocuments(options: $1) },
        "getCurrentTags": { bridge, _ in await bridge.getCurrentTags() },
        "getImagesForTag": { await $0.getImagesForTag(tag: $1) },
        "deleteTag": { await $0.deleteTag(tag: $1) },
    ]

    /// Runs the spec method `method` off the JS thread; `resolve` gets its envelope.
    func call(_ method: String, _ argument: String, resolve: @escaping (String) -> Void) {
        guard let call = Self.methods[method] else {  // a bug of the TurboModule
            return resolve(bridge.failure(code: "internal", message: "no method \(method)"))
        }
        if let error = folderError {
            return resolve(bridge.failure(code: "storage", message: error))
        }
        Task.detached { [bridge] in resolve(await call(bridge, argument)) }
    }

    /// `captureSelfie`: the screen (made off the main thread: it loads the face model) shown by
    /// the camera view controller; `resolve` gets the CapturedSelfie or error envelope.
    func captureSelfie(
        _ options: String,
        show: @escaping (CaptureScreen, @escaping (CaptureOutcome) -> Void) -> Void,
        resolve: @escaping (String) -> Void
    ) {
        if let error = folderError {
            return resolve(bridge.failure(code: "storage", message: error))
        }
        let bridge = self.bridge
        DispatchQueue.global(qos: .userInitiated).async {
            let start = bridge.startCapture(options: options)
            guard let screen = start.screen else { return resolve(start.refused ?? "") }
            show(screen) { outcome in resolve(bridge.captureOutcome(outcome: outcome)) }
        }
    }
}
