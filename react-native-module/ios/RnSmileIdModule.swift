// The React-facing half of the iOS module: the ObjC++ TurboModule (RnSmileId) forwards each
// spec method here; each runs the plain-Swift call of Glue/RnSmileIdCalls off the JS thread and
// settles its promise. No logic of its own beside the app's folders and the camera screen.

import Foundation
import UIKit
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

    /// Made once, with the module: calls arrive on any thread.
    private let store: Result<TagStore, Error> = Result {
        // Application Support, excluded from backups (tags hold selfies).
        var folder = try FileManager.default
            .url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("smileid", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try folder.setResourceValues(values)
        return try TagStore(root: folder.path)
    }
    private var calls: RnSmileIdCalls!

    override public init() {
        super.init()
        let store = self.store
        calls = RnSmileIdCalls(
            store: { try store.get() },
            bundledConfig: {
                let url = Bundle.main.url(forResource: "smile_config", withExtension: "json")
                return url.flatMap { try? Data(contentsOf: $0) }
            },
            emit: { [weak self] name, body in self?.emit?(name, body) }
        )
    }

    /// Runs `work` off the JS thread: its value resolves, its error rejects.
    private func run(
        _ resolve: @escaping Resolve,
        _ reject: @escaping Reject,
        _ work: @escaping () async throws -> Any?
    ) {
        Task.detached {
            do {
                resolve(try await work())
            } catch {
                Self.reject(reject, error)
            }
        }
    }

    private static func reject(_ reject: Reject, _ error: Error) {
        let r = RnSmileIdConversions.rejection(error)
        reject(r.code, r.message, NSError(domain: "SmileId", code: 0, userInfo: r.userInfo))
    }

    @objc public func configure(_ config: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            try self.calls.configure(config)
            return nil
        }
    }

    @objc public func submitJob(_ params: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try await self.calls.submitJob(params) }
    }

    @objc public func jobStatus(_ job: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try await self.calls.jobStatus(job) }
    }

    @objc public func cancelJob(_ jobId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { self.calls.cancelJob(jobId) }
    }

    @objc public func enqueueJob(_ params: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.calls.enqueueJob(params) }
    }

    @objc public func pendingJobs(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.calls.pendingJobs() }
    }

    @objc public func resumePendingJobs(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try await self.calls.resumePendingJobs() }
    }

    @objc public func cancelResume(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { self.calls.cancelResume() }
    }

    /// Presents the camera screen over the key window's root view controller (or what it
    /// presents); resolves with the captured tag. The session (the face model) is made off the
    /// JS and main threads.
    @objc public func captureSelfie(_ options: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        let calls = self.calls!
        DispatchQueue.global(qos: .userInitiated).async {
            let session: CaptureSession
            let timeoutMillis: Int64
            do {
                let parsed = try RnSmileIdConversions.captureSelfieOptions(options)
                session = try calls.captureSession(tag: parsed.tag)
                timeoutMillis = parsed.timeoutMillis
            } catch {
                return Self.reject(reject, error)
            }
            DispatchQueue.main.async {
                // No window to present from, or a selfie screen already open.
                guard let presenter = Self.topViewController(),
                      !(presenter is RnSmileIdCaptureViewController) else {
                    try? session.cancel()
                    return Self.reject(reject, RnSmileIdCaptureError.unavailable)
                }
                let screen = RnSmileIdCaptureViewController(
                    session: session, timeoutMillis: timeoutMillis
                ) { result in
                    do {
                        resolve(try calls.capturedTag(try result.get()))
                    } catch {
                        Self.reject(reject, error)
                    }
                }
                presenter.present(screen, animated: true)
            }
        }
    }

    private static func topViewController() -> UIViewController? {
        let window = UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .flatMap { $0.windows }
            .first { $0.isKeyWindow }
        var top = window?.rootViewController
        while let presented = top?.presentedViewController, !presented.isBeingDismissed {
            top = presented
        }
        return top
    }

    @objc public func captureSelfieFromFiles(_ options: NSDictionary, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.calls.captureSelfieFromFiles(options) }
    }

    @objc public func getCurrentTags(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.calls.currentTags() }
    }

    @objc public func getImagesForTag(_ tag: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) { try self.calls.imagesForTag(tag) }
    }

    @objc public func deleteTag(_ tag: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        run(resolve, reject) {
            try self.calls.deleteTag(tag)
            return nil
        }
    }

    @objc public func resolveSignature(_ requestId: String, signature: String, timestamp: String) {
        calls.resolveSignature(requestId: requestId, signature: signature, timestamp: timestamp)
    }

    @objc public func rejectSignature(_ requestId: String, message: String) {
        calls.rejectSignature(requestId: requestId, message: message)
    }

    @objc public func invalidate() {
        calls.invalidate()
    }
}
