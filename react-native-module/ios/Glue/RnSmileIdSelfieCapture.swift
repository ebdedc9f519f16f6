// Between `captureSelfie`'s camera screen and the library's CaptureScreen, in plain Swift: each
// camera frame and screen event goes to the CaptureScreen, which decides the prompt, the
// progress and the one outcome (the tag, or a camera error code with its message); every view it
// answers goes to `draw`, its outcome to `finish` exactly once. Nothing is decided here.

import Foundation

// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
    import SmileIdFfi
#endif

final class RnSmileIdSelfieCapture: @unchecked Sendable {
    let screen: CaptureScreen
    private let draw: (CaptureView) -> Void
    private let finish: (CaptureOutcome) -> Void
    private let lock = NSLock()
    private var reported = false

    /// `draw` is called on the calling thread with every view; `finish` once, with the outcome.
    init(
        screen: CaptureScreen,
        draw: @escaping (CaptureView) -> Void,
        finish: @escaping (CaptureOutcome) -> Void
    ) {
        self.screen = screen
        self.draw = draw
        self.finish = finish
    }

    /// Milliseconds on the monotonic clock the screen's timeout is measured on.
    static func nowMs() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000)
    }

    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reported
    }

    /// One camera frame (on the camera's frame queue), seen at `nowMs`.
    func process(_ frame: RnSmileIdCameraFrame, nowMs: Int64 = nowMs()) {
        guard !isFinished else { return }
        do {
            let (info, planes) = try frame.converted()
            show(
                screen.processBuffers(
                    info: info,
                    plane0: planes[0],
                    plane1: planes.count > 1 ? planes[1] : Data(),
                    plane2: planes.count > 2 ? planes[2] : Data(),
                    nowMs: nowMs
                ))
        } catch {
            let detail = "a camera image could not be read: \(Self.describe(error))"
            show(screen.cameraUnavailable(detail: detail))
        }
    }

    /// The timer: lets the screen time out when no frame arrives.
    func tick(nowMs: Int64 = nowMs()) { show(screen.tick(nowMs: nowMs)) }
    /// The system's camera permission alert is up.
    func permissionRequested() { show(screen.permissionRequested()) }
    func permissionDenied() { show(screen.permissionDenied()) }
    /// The user closed the screen, or left the app.
    func cancel() { show(screen.cancel()) }
    func cameraUnavailable(_ detail: String) { show(screen.cameraUnavailable(detail: detail)) }

    private func show(_ view: CaptureView) {
        draw(view)
        guard let outcome = view.outcome else { return }
        lock.lock()
        let first = !reported
        reported = true
        lock.unlock()
        if first { finish(outcome) }
    }

    private static func describe(_ error: Error) -> String {
        (error as? SmileIdError)?.errorDetail() ?? String(describing: error)
    }
}
