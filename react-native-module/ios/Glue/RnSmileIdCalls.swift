// The module's calls in plain Swift: JS-shaped dictionaries in, JS-shaped values out. The
// React-facing RnSmileIdModule forwards each spec method here and turns the value or the thrown
// error into the promise; the Swift tests call these the same way, against the real library.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

final class RnSmileIdCalls {
    /// Sends `onProgress` / `onSignatureRequest` to JS.
    private let emit: (String, [String: Any]) -> Void
    /// The app's tag store (made on first use) and its bundled smile_config.json, if any.
    private let store: () throws -> TagStore
    private let bundledConfig: () -> Data?

    private let jobs = RnSmileIdRunningJobs()
    private let resumes = RnSmileIdRunningJobs()
    private let signatures: RnSmileIdSignatureBridge
    private var client: SmileIdClient?
    private let lock = NSLock()

    init(
        store: @escaping () throws -> TagStore,
        bundledConfig: @escaping () -> Data?,
        emit: @escaping (String, [String: Any]) -> Void
    ) {
        self.store = store
        self.bundledConfig = bundledConfig
        self.emit = emit
        signatures = RnSmileIdSignatureBridge { requestId, partnerId in
            emit("onSignatureRequest", ["requestId": requestId, "partnerId": partnerId])
        }
    }

    /// The configured client, or one from the bundled smile_config.json.
    private func currentClient() throws -> SmileIdClient {
        lock.lock()
        defer { lock.unlock() }
        if let client = client { return client }
        let config = try RnSmileIdConversions.clientConfig(
            nil, bundledJson: bundledConfig(), signatures: nil
        )
        let made = try SmileIdClient(config: config, tags: try store())
        client = made
        return made
    }

    func configure(_ js: NSDictionary) throws {
        let config = try RnSmileIdConversions.clientConfig(
            js, bundledJson: bundledConfig(), signatures: signatures
        )
        let next = try SmileIdClient(config: config, tags: try store())
        lock.lock()
        client = next
        lock.unlock()
    }

    /// Forwards progress and makes a job with a generated id cancellable from its first event.
    /// Called on the library's worker threads; the lock guards the job's handle.
    private final class Listener: ProgressListener, @unchecked Sendable {
        private let calls: RnSmileIdCalls
        private let lock = NSLock()
        private var task: JobTask?

        init(_ calls: RnSmileIdCalls) {
            self.calls = calls
        }

        func attach(_ task: JobTask) {
            lock.lock()
            defer { lock.unlock() }
            self.task = task
        }

        func onProgress(jobId: String, event: ProgressEvent) {
            lock.lock()
            let task = self.task
            lock.unlock()
            if let task = task, !task.isFinished() { calls.jobs.add(jobId, task) }
            calls.emit("onProgress", RnSmileIdConversions.progress(jobId: jobId, event: event))
        }
    }

    func submitJob(_ js: NSDictionary) async throws -> [String: Any] {
        let request = try RnSmileIdConversions.submitJobParams(js)
        let listener = Listener(self)
        let task = try currentClient().startJob(params: request, listener: listener)
        listener.attach(task)
        let result = try await jobs.awaiting(request.partnerParams.jobId, task)
        return RnSmileIdConversions.submitJobResult(result)
    }

    /// One job_status, cancellable by `cancelJob(jobId)`.
    func jobStatus(_ js: NSDictionary) async throws -> [String: Any] {
        let job = try RnSmileIdConversions.jobRef(js)
        let task = try currentClient().startJobStatus(job: job)
        return RnSmileIdConversions.jobStatus(try await jobs.awaiting(job.jobId, task))
    }

    func cancelJob(_ jobId: String) -> Bool {
        jobs.cancel(jobId)
    }

    func enqueueJob(_ js: NSDictionary) throws -> String {
        try currentClient().enqueueJob(params: try RnSmileIdConversions.submitJobParams(js))
    }

    func pendingJobs() throws -> [[String: Any]] {
        RnSmileIdConversions.pendingJobs(try currentClient().pendingJobs())
    }

    /// Sends the pending jobs, cancellable by `cancelResume()` (the job in progress stays pending).
    func resumePendingJobs() async throws -> [[String: Any]] {
        let task = try currentClient().startResumePendingJobs(listener: Listener(self))
        return RnSmileIdConversions.resumedJobs(try await resumes.awaiting(UUID().uuidString, task))
    }

    func cancelResume() -> Bool {
        resumes.cancelAll()
    }

    func captureSelfieFromFiles(_ js: NSDictionary) throws -> [String: Any] {
        let files = try RnSmileIdConversions.captureFiles(js)
        let tag = try captureFromFiles(
            store: try store(),
            tag: files.tag,
            selfie: try Self.read(files.selfie, field: "selfie"),
            liveness: try files.liveness.enumerated().map { i, path in
                try Self.read(path, field: "liveness[\(i)]")
            },
            options: nil
        )
        return try capturedTag(tag)
    }

    /// A camera capture's session, for `captureSelfie`'s screen.
    func captureSession(tag: String?) throws -> CaptureSession {
        try CaptureSession(store: try store(), tag: tag, options: nil)
    }

    /// What `captureSelfie` and `captureSelfieFromFiles` resolve with.
    func capturedTag(_ tag: String) throws -> [String: Any] {
        RnSmileIdConversions.capturedTag(tag, try store().images(tag: tag))
    }

    private static func read(_ path: String, field: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RnSmileIdConversions.invalid(field, "names no readable file")
        }
        return data
    }

    func currentTags() throws -> [String] {
        try store().list().map { $0.tag }
    }

    func imagesForTag(_ tag: String) throws -> [String: Any] {
        RnSmileIdConversions.tagImages(try store().images(tag: tag))
    }

    func deleteTag(_ tag: String) throws {
        try store().delete(tag: tag)
    }

    func resolveSignature(requestId: String, signature: String, timestamp: String) {
        signatures.resolve(requestId: requestId, signature: signature, timestamp: timestamp)
    }

    func rejectSignature(requestId: String, message: String) {
        signatures.reject(requestId: requestId, message: message)
    }

    /// The module is going away: stops every running call.
    func invalidate() {
        jobs.cancelAll()
        resumes.cancelAll()
        lock.lock()
        client = nil
        lock.unlock()
    }
}
