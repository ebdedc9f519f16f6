// The React-facing half of the iOS module: the ObjC++ TurboModule (RnSmileId) forwards each spec
// method here with its JSON string, for the Rust bridge (Glue/RnSmileIdHost); and the camera.

import Foundation
import UIKit

#if canImport(SmileIdFfi)  // the bindings, when not compiled into this pod (see Glue/)
    import SmileIdFfi
#endif

@objc(RnSmileIdImpl)
public final class RnSmileIdImpl: NSObject {
    public typealias Resolve = (Any?) -> Void

    /// Sends `onProgress` / `onSignatureRequest` with a JSON body (set by the ObjC++ module).
    @objc public var emit: ((String, String) -> Void)?

    /// Made with the module (calls arrive on any thread): the app's tag folder is Application
    /// Support/smileid, its config the bundled smile_config.json, if any.
    private var host: RnSmileIdHost!

    override public init() {
        super.init()
        let files = FileManager.default
        let support = files.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        let config = Bundle.main.url(forResource: "smile_config", withExtension: "json")
        host = RnSmileIdHost(
            tagsRoot: support.appendingPathComponent("smileid").path,
            bundledConfig: config.flatMap { try? String(contentsOf: $0, encoding: .utf8) },
            emit: { [weak self] name, body in self?.emit?(name, body) }
        )
    }

    /// A promise method of the spec, by name (Glue/RnSmileIdHost has the table).
    @objc public func call(_ method: String, argument: String, resolve: @escaping Resolve) {
        host.call(method, argument) { resolve($0) }
    }

    @objc public func cancelJob(_ jobId: String) -> Bool {
        host.bridge.cancelJob(jobId: jobId)
    }

    @objc public func cancelResume() -> Bool {
        host.bridge.cancelResume()
    }

    @objc public func resolveSignature(_ requestId: String, signature: String, timestamp: String) {
        host.bridge.resolveSignature(
            requestId: requestId, signature: signature, timestamp: timestamp)
    }

    @objc public func rejectSignature(_ requestId: String, message: String) {
        host.bridge.rejectSignature(requestId: requestId, message: message)
    }

    /// The module is going away: every running call is cancelled.
    @objc public func invalidate() {
        host.bridge.shutdown()
    }

    /// Presents the camera screen (RnSmileIdCaptureViewController decides where and whether it
    /// can); resolves with the CapturedSelfie or error envelope.
    @objc public func captureSelfie(_ options: String, resolve: @escaping Resolve) {
        host.captureSelfie(
            options,
            show: { screen, done in
                DispatchQueue.main.async {
                    RnSmileIdCaptureViewController.start(screen: screen, completion: done)
                }
            }, resolve: { resolve($0) })
    }
}
