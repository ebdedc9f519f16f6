// The React-facing half of the iOS module: the ObjC++ TurboModule (RnSmileId) forwards each
// spec method here. Converts with RnSmileIdConversions, calls the Rust bindings, resolves
// promises, emits events. No logic of its own.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

@objc(RnSmileIdImpl)
public final class RnSmileIdImpl: NSObject {
    public typealias Resolve = (Any?) -> Void
    public typealias Reject = (String, String, NSError) -> Void

    /// Sends `onProgress` / `onSignatureRequest` to JS (set by the ObjC++ TurboModule).
    @objc public var emit: ((String, [String: Any]) -> Void)?

    private let jobs = RnSmileIdRunningJobs()
    private lazy var signatures = RnSmileIdSignatureBridge { [weak self] requestId, partnerId in
        self?.emit?("onSignatureRequest", ["requestId": requestId, "partnerId": partnerId])
    }
    private var client: SmileIdClient?
    private let lock = NSLock()

    private lazy var store: Result<TagStore, Error> = Result {
        // Application Support, excluded from backups (tags hold selfies).
        var folder = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("smileid", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try folder.setResourceValues(values)
        return try TagStore(root: folder.path)
    }

    private func bundledConfig() -> Data? {
        Bundle.main.url(forResource: "smile_config", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
    }

    private func currentClient() throws -> SmileIdClient {
        lock.lock()
        defer { lock.unlock() }
        if let client = client { return client }
        let made = try SmileIdClient(config: try RnSmileIdConversions.clientConfig(nil, bundledJson: bundledConfig(), signatures: nil), tags: try store.get())
        client = made
        return made
    }

    /// Runs `work` off the JS thread: its value resolves, its error rejects.
    private func run(_ resolve: @escaping Resolve, _ reject: @escaping Reject, _ work: @escaping () async throws -> Any?) {
        Task.detached {
            do {
                resolve(try await work())
            } catch {
                let r = RnSmileIdConversions.rejection(error)
                reject(r.code, r.message, NSError(domain: "SmileId", code: 0, userInfo: r.userInfo))
            }
        }
    }

    @objc public func configure(_ config: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            let next = try SmileIdClient(
                config: try RnSmileIdConversions.clientConfig(config, bundledJson: self.bundledConfig(), signatures: self.signatures),
                tags: try self.store.get()
            )
            self.lock.lock()
            self.client = next
            self.lock.unlock()
            return nil
        }
    }

    /// Forwards progress and makes a job with a generated id cancellable from its first event.
    private final class Listener: ProgressListener {
        weak var owner: RnSmileIdImpl?
        var task: JobTask?

        func onProgress(jobId: String, event: ProgressEvent) {
            if let task = task, !task.isFinished() { owner?.jobs.add(jobId, task) }
            owner?.emit?("onProgress", RnSmileIdConversions.progress(jobId: jobId, event: event))
        }
    }

    @objc public func submitJob(_ params: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            let request = try RnSmileIdConversions.submitJobParams(params)
            let listener = Listener()
            listener.owner = self
            let task = try self.currentClient().startJob(params: request, listener: listener)
            listener.task = task
            self.jobs.add(request.partnerParams.jobId, task)
            defer { self.jobs.remove(task) }
            return RnSmileIdConversions.submitJobResult(try await task.awaitResult())
        }
    }

    @objc public func cancelJob(_ jobId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { self.jobs.cancel(jobId) }
    }

    @objc public func enqueueJob(_ params: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.currentClient().enqueueJob(params: try RnSmileIdConversions.submitJobParams(params)) }
    }

    @objc public func pendingJobs(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { RnSmileIdConversions.pendingJobs(try self.currentClient().pendingJobs()) }
    }

    @objc public func resumePendingJobs(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            let listener = Listener()
            listener.owner = self
            return RnSmileIdConversions.resumedJobs(try await self.currentClient().resumePendingJobs(listener: listener))
        }
    }

    @objc public func captureSelfieFromFiles(_ options: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            let files = try RnSmileIdConversions.captureFiles(options)
            let store = try self.store.get()
            let tag = try captureFromFiles(
                store: store,
                tag: files.tag,
                selfie: try Self.read(files.selfie, field: "selfie"),
                liveness: try files.liveness.enumerated().map { i, path in try Self.read(path, field: "liveness[\(i)]") },
                options: nil
            )
            return RnSmileIdConversions.capturedTag(tag, try store.images(tag: tag))
        }
    }

    private static func read(_ path: String, field: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RnSmileIdConversions.invalid(field, "names no readable file")
        }
        return data
    }

    @objc public func getCurrentTags(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.store.get().list().map { $0.tag } }
    }

    @objc public func getImagesForTag(_ tag: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { RnSmileIdConversions.tagImages(try self.store.get().images(tag: tag)) }
    }

    @objc public func deleteTag(_ tag: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            try self.store.get().delete(tag: tag)
            return nil
        }
    }

    @objc public func resolveSignature(_ requestId: String, signature: String, timestamp: String) {
        signatures.resolve(requestId: requestId, signature: signature, timestamp: timestamp)
    }

    @objc public func rejectSignature(_ requestId: String, message: String) {
        signatures.reject(requestId: requestId, message: message)
    }

    @objc public func invalidate() {
        jobs.cancelAll()
        lock.lock()
        client = nil
        lock.unlock()
    }
}
