// What the camera screen of `captureSelfie` does between the camera and the library, in plain
// Swift: each frame to the capture session, its guidance as a prompt and a progress fraction,
// the end reported exactly once (the tag, or a capture error: timeout, cancelled, camera
// failure). The screen only draws what this reports.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

/// Why the camera screen gave no tag; the raw values are the codes JS sees on both platforms.
enum RnSmileIdCaptureError: String, Error {
    case permissionDenied = "camera_permission_denied"
    case cancelled = "capture_cancelled"
    case unavailable = "camera_unavailable"
    case timeout = "capture_timeout"

    var message: String {
        switch self {
        case .permissionDenied:
            return "camera access is denied; allow it in Settings to take a selfie"
        case .cancelled: return "the selfie screen was closed before the capture finished"
        case .unavailable: return "no front camera could be used"
        case .timeout:
            return "no usable selfie was captured in time; try again, face well lit and centred"
        }
    }
}

final class RnSmileIdSelfieCapture {
    /// What to show after a frame: the prompt and how far the capture is (0-1).
    typealias Update = (_ prompt: String, _ progress: Double) -> Void

    private let session: CaptureSession
    private let timeoutMillis: Int64
    private let update: Update
    private let finish: (Result<String, Error>) -> Void
    /// Held while a frame is analysed or the capture stops, so a timeout never cuts a capture
    /// that is saving its tag.
    private let work = NSLock()
    private let lock = NSLock()
    private var finished = false
    private var clockStarted = false

    /// `timeoutMillis` after the first frame without a finished capture, it ends with
    /// `capture_timeout` (the time a permission prompt takes does not count, as on Android).
    /// `update` is called on the thread that feeds frames, `finish` once.
    init(
        session: CaptureSession,
        timeoutMillis: Int64,
        update: @escaping Update,
        finish: @escaping (Result<String, Error>) -> Void
    ) {
        self.session = session
        self.timeoutMillis = timeoutMillis
        self.update = update
        self.finish = finish
    }

    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// Feeds one frame (on the camera's analysis queue). A frame the library refuses ends the
    /// capture with that error: the next frames would be refused the same way.
    func process(_ frame: RnSmileIdCameraFrame) {
        work.lock()
        defer { work.unlock() }
        guard !isFinished else { return }
        if !clockStarted {
            clockStarted = true
            let deadline = DispatchTime.now() + .milliseconds(Int(timeoutMillis))
            DispatchQueue.global().asyncAfter(deadline: deadline) { [weak self] in
                self?.stop(.timeout)
            }
        }
        do {
            let (info, planes) = try frame.converted()
            let guidance = try session.processBuffers(
                info: info,
                plane0: planes[0],
                plane1: planes.count > 1 ? planes[1] : Data(),
                plane2: planes.count > 2 ? planes[2] : Data()
            )
            if case let .done(tag) = guidance {
                end(.success(tag))
            } else {
                update(Self.prompt(guidance), try session.progress().fraction)
            }
        } catch {
            try? session.cancel()
            end(.failure(error))
        }
    }

    /// Ends the capture without a tag (the user closed the screen, the camera failed, the time
    /// ran out); nothing is saved. No effect once it has ended.
    func stop(_ reason: RnSmileIdCaptureError) {
        work.lock()
        defer { work.unlock() }
        guard !isFinished else { return }
        try? session.cancel()
        end(.failure(reason))
    }

    private func end(_ result: Result<String, Error>) {
        lock.lock()
        let first = !finished
        finished = true
        lock.unlock()
        if first { finish(result) }
    }

    /// The prompt for the user, in the official SDKs' words where they have one.
    static func prompt(_ guidance: Guidance) -> String {
        switch guidance {
        case .noFace: return "Put your face inside the oval"
        case .multipleFaces: return "Only one face, please"
        case .moveCloser: return "Move closer"
        case .moveBack: return "Move back"
        case .centerFace: return "Centre your face in the oval"
        case .lookStraight: return "Look straight at the camera"
        case .tooDark: return "Move to a brighter place"
        case .holdStill: return "Hold still"
        case .smile: return "Smile!"
        case .capturing: return "Capturing…"
        case .done: return "Done"
        }
    }
}

extension CaptureProgress {
    /// Share of the images taken, 0-1.
    var fraction: Double {
        total > 0 ? Double(captured) / Double(total) : 0
    }
}
