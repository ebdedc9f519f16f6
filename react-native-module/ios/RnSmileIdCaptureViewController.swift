// The full-screen camera screen of `captureSelfie`: the front camera's preview, and what the
// library's CaptureScreen says to draw (prompt, progress, close button label). Frames go from
// AVCaptureVideoDataOutput (32BGRA or 420f, late frames dropped) through a frame sink on a
// serial queue to Glue/RnSmileIdSelfieCapture; the camera is configured, started and stopped on
// that queue, never on the main thread. Every event (permission, close, leaving the app, camera
// interrupted or failed, the screen disappearing, a timer) goes to the CaptureScreen; when its
// view carries an outcome, the screen dismisses itself and reports it, once.

import AVFoundation
import UIKit

// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
    import SmileIdFfi
#endif

final class RnSmileIdCaptureViewController: UIViewController {
    private let capture: RnSmileIdSelfieCapture
    private let completion: (CaptureOutcome) -> Void

    private let camera = AVCaptureSession()
    /// Camera configuration, start, stop and frames: one serial queue off the main thread.
    private let queue = DispatchQueue(label: "smileid.capture.camera")
    private let sink: FrameSink
    private let prompt = UILabel()
    private let progress = UIProgressView(progressViewStyle: .bar)
    private var preview: AVCaptureVideoPreviewLayer?
    private var timer: Timer?
    /// iOS 17+: keeps the output connection's rotation upright (held for its observation).
    private var rotation: NSObject?
    private var rotationObservation: NSKeyValueObservation?
    private var ended = false

    /// Shows the screen over the app's top view controller; `completion` gets the outcome once
    /// (main thread). Without camera access, a usage description or a place to present from, it
    /// ends without showing anything.
    static func start(screen: CaptureScreen, completion: @escaping (CaptureOutcome) -> Void) {
        let once = RnSmileIdSelfieCapture(screen: screen, draw: { _ in }, finish: completion)
        // requestAccess without it terminates the app.
        guard Bundle.main.object(forInfoDictionaryKey: "NSCameraUsageDescription") != nil else {
            let fix =
                "the app's Info.plist has no NSCameraUsageDescription; add one (the Expo "
                + "config plugin does) to ask for camera access"
            return once.cameraUnavailable(fix)
        }
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized:
            present(screen: screen, completion: completion, refusal: once)
        case .notDetermined:
            // The system alert shows over the app; the screen appears only once access is given.
            AVCaptureDevice.requestAccess(for: .video) { granted in
                DispatchQueue.main.async {
                    guard granted else { return once.permissionDenied() }
                    present(screen: screen, completion: completion, refusal: once)
                }
            }
        default:
            once.permissionDenied()
        }
    }

    private static func present(
        screen: CaptureScreen,
        completion: @escaping (CaptureOutcome) -> Void,
        refusal: RnSmileIdSelfieCapture
    ) {
        guard let presenter = topViewController() else {
            return refusal.cameraUnavailable("the app has no window to present the screen from")
        }
        if presenter is RnSmileIdCaptureViewController {
            return refusal.cameraUnavailable("another selfie capture is already open")
        }
        let controller = RnSmileIdCaptureViewController(screen: screen, completion: completion)
        presenter.present(controller, animated: true)
        // UIKit refuses, with only a log line, to present while another presentation or
        // dismissal runs.
        if controller.presentingViewController == nil {
            refusal.cameraUnavailable("the app was presenting or dismissing a screen")
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

    private init(screen: CaptureScreen, completion: @escaping (CaptureOutcome) -> Void) {
        self.completion = completion
        var draw: (CaptureView) -> Void = { _ in }
        var finish: (CaptureOutcome) -> Void = { _ in }
        capture = RnSmileIdSelfieCapture(
            screen: screen,
            draw: { view in draw(view) },
            finish: { outcome in finish(outcome) }
        )
        sink = FrameSink(capture: capture)
        super.init(nibName: nil, bundle: nil)
        modalPresentationStyle = .fullScreen
        draw = { [weak self] view in
            DispatchQueue.main.async { self?.show(view) }
        }
        finish = { [weak self] outcome in
            DispatchQueue.main.async {
                // Released already (dismissed by the app): report all the same.
                guard let self = self else { return completion(outcome) }
                self.finish(outcome)
            }
        }
    }

    @available(*, unavailable)
    required init?(coder: NSCoder) {
        fatalError("made in code only")
    }

    override var supportedInterfaceOrientations: UIInterfaceOrientationMask { .portrait }

    override func viewDidLoad() {
        super.viewDidLoad()
        view.backgroundColor = .black
        prompt.textColor = .white
        prompt.font = .preferredFont(forTextStyle: .title2)
        prompt.textAlignment = .center
        prompt.numberOfLines = 0
        let close = UIButton(type: .close)
        close.accessibilityLabel = capture.screen.prompt(key: "cancel")
        close.addTarget(self, action: #selector(closeTapped), for: .touchUpInside)
        for item in [prompt, progress, close] as [UIView] {
            item.translatesAutoresizingMaskIntoConstraints = false
            view.addSubview(item)
        }
        let guide = view.safeAreaLayoutGuide
        NSLayoutConstraint.activate([
            close.topAnchor.constraint(equalTo: guide.topAnchor, constant: 16),
            close.trailingAnchor.constraint(equalTo: guide.trailingAnchor, constant: -16),
            progress.leadingAnchor.constraint(equalTo: guide.leadingAnchor, constant: 24),
            progress.trailingAnchor.constraint(equalTo: guide.trailingAnchor, constant: -24),
            progress.bottomAnchor.constraint(equalTo: guide.bottomAnchor, constant: -24),
            prompt.leadingAnchor.constraint(equalTo: progress.leadingAnchor),
            prompt.trailingAnchor.constraint(equalTo: progress.trailingAnchor),
            prompt.bottomAnchor.constraint(equalTo: progress.topAnchor, constant: -16),
        ])
        show(capture.screen.view())
        observe()
        startCamera()
    }

    override func viewDidLayoutSubviews() {
        super.viewDidLayoutSubviews()
        preview?.frame = view.bounds
    }

    /// Gone without an outcome (dismissed by the app or the system): the user did not finish.
    override func viewDidDisappear(_ animated: Bool) {
        super.viewDidDisappear(animated)
        capture.cancel()
    }

    @objc private func closeTapped() {
        capture.cancel()
    }

    private func show(_ view: CaptureView) {
        prompt.text = view.prompt
        progress.setProgress(view.progress, animated: true)
    }

    private func observe() {
        let center = NotificationCenter.default
        let events: [(Notification.Name, Selector, Any?)] = [
            (.AVCaptureSessionRuntimeError, #selector(cameraFailed), camera),
            (.AVCaptureSessionWasInterrupted, #selector(cameraInterrupted), camera),
            (UIApplication.didEnterBackgroundNotification, #selector(leftTheApp), nil),
        ]
        for (name, selector, object) in events {
            center.addObserver(self, selector: selector, name: name, object: object)
        }
        let timer = Timer(timeInterval: 0.25, repeats: true) { [weak self] _ in
            self?.capture.tick()
        }
        RunLoop.main.add(timer, forMode: .common)
        self.timer = timer
    }

    @objc private func cameraFailed(_ note: Notification) {
        let error = note.userInfo?[AVCaptureSessionErrorKey] as? NSError
        capture.cameraUnavailable(error?.localizedDescription ?? "the camera failed")
    }

    /// Another app (Split View, a call, FaceTime) took the camera; the app going to the
    /// background is the user leaving.
    @objc private func cameraInterrupted(_ note: Notification) {
        let raw = (note.userInfo?[AVCaptureSessionInterruptionReasonKey] as? NSNumber)?.intValue
        let reason = raw.flatMap(AVCaptureSession.InterruptionReason.init(rawValue:))
        switch reason {
        case .videoDeviceNotAvailableInBackground:
            capture.cancel()
        case .videoDeviceInUseByAnotherClient:
            capture.cameraUnavailable("another app is using the camera")
        case .videoDeviceNotAvailableWithMultipleForegroundApps:
            capture.cameraUnavailable("the camera is not available in Split View or Slide Over")
        default:
            capture.cameraUnavailable("the camera was interrupted")
        }
    }

    @objc private func leftTheApp() {
        capture.cancel()
    }

    /// Front camera → preview layer and video data output, configured off the main thread;
    /// any failure is `camera_unavailable`.
    private func startCamera() {
        let layer = AVCaptureVideoPreviewLayer(session: camera)
        layer.videoGravity = .resizeAspectFill
        layer.frame = view.bounds
        view.layer.insertSublayer(layer, at: 0)
        preview = layer
        queue.async { [camera, sink, capture] in
            guard let device = Self.configure(camera, sink: sink, capture: capture) else { return }
            DispatchQueue.main.async { [weak self] in
                self?.orient(device: device, layer: layer)
                self?.queue.async { camera.startRunning() }
            }
        }
    }

    /// Adds the front camera and the frame output; nil (and `camera_unavailable`) on failure.
    nonisolated private static func configure(
        _ camera: AVCaptureSession,
        sink: FrameSink,
        capture: RnSmileIdSelfieCapture
    ) -> AVCaptureDevice? {
        let front = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .front)
        guard let device = front,
            let input = try? AVCaptureDeviceInput(device: device),
            camera.canAddInput(input)
        else {
            capture.cameraUnavailable("this device has no usable front camera")
            return nil
        }
        camera.beginConfiguration()
        defer { camera.commitConfiguration() }
        camera.sessionPreset = camera.canSetSessionPreset(.hd1280x720) ? .hd1280x720 : .high
        camera.addInput(input)
        let output = AVCaptureVideoDataOutput()
        // 420f is the sensor's own format (no conversion); BGRA when it is not offered.
        let nv12 = kCVPixelFormatType_420YpCbCr8BiPlanarFullRange
        let offered = output.availableVideoPixelFormatTypes
        let format = offered.contains(nv12) ? nv12 : kCVPixelFormatType_32BGRA
        output.videoSettings = [kCVPixelBufferPixelFormatTypeKey as String: format]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(sink, queue: sink.queue)
        guard camera.canAddOutput(output) else {
            capture.cameraUnavailable("the camera refused the frame output")
            return nil
        }
        camera.addOutput(output)
        if let connection = output.connection(with: .video), connection.isVideoMirroringSupported {
            // Unmirrored buffers; the preview layer mirrors on its own.
            connection.automaticallyAdjustsVideoMirroring = false
            connection.isVideoMirrored = false
        }
        return device
    }

    /// The connection turns the buffers upright, so frames go with rotation 0 on every iOS:
    /// iOS 17+ by the rotation coordinator's capture angle, before by a portrait orientation
    /// (this screen is portrait only).
    private func orient(device: AVCaptureDevice, layer: AVCaptureVideoPreviewLayer) {
        let output = camera.outputs.first { $0 is AVCaptureVideoDataOutput }
        guard let connection = output?.connection(with: .video) else { return }
        if #available(iOS 17.0, *) {
            let coordinator = AVCaptureDevice.RotationCoordinator(
                device: device, previewLayer: layer
            )
            let apply = { [queue] (angle: CGFloat) in
                queue.async {
                    if connection.isVideoRotationAngleSupported(angle) {
                        connection.videoRotationAngle = angle
                    }
                }
            }
            apply(coordinator.videoRotationAngleForHorizonLevelCapture)
            rotationObservation = coordinator.observe(
                \.videoRotationAngleForHorizonLevelCapture, options: [.new]
            ) { coordinator, _ in
                apply(coordinator.videoRotationAngleForHorizonLevelCapture)
            }
            rotation = coordinator
        } else if connection.isVideoOrientationSupported {
            connection.videoOrientation = .portrait
        }
    }

    /// Stops the camera (off the main thread), dismisses the screen, then reports.
    private func finish(_ outcome: CaptureOutcome) {
        guard !ended else { return }
        ended = true
        timer?.invalidate()
        rotationObservation?.invalidate()
        NotificationCenter.default.removeObserver(self)
        queue.async { [camera] in camera.stopRunning() }
        let completion = self.completion
        if presentingViewController != nil, !isBeingDismissed {
            dismiss(animated: true) { completion(outcome) }
        } else {
            completion(outcome)
        }
    }
}

/// The video output's delegate: not tied to the main actor, it runs on its own queue and hands
/// each locked pixel buffer to the capture.
private final class FrameSink: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate,
    @unchecked Sendable
{
    let queue = DispatchQueue(label: "smileid.capture.frames")
    private let capture: RnSmileIdSelfieCapture

    init(capture: RnSmileIdSelfieCapture) {
        self.capture = capture
    }

    nonisolated func captureOutput(
        _ output: AVCaptureOutput,
        didOutput sampleBuffer: CMSampleBuffer,
        from connection: AVCaptureConnection
    ) {
        guard !capture.isFinished,
            let pixels = CMSampleBufferGetImageBuffer(sampleBuffer)
        else { return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        let seconds = CMTimeGetSeconds(CMSampleBufferGetPresentationTimeStamp(sampleBuffer))
        capture.process(
            RnSmileIdCameraFrame(
                pixelFormat: CVPixelBufferGetPixelFormatType(pixels),
                width: CVPixelBufferGetWidth(pixels),
                height: CVPixelBufferGetHeight(pixels),
                planes: Self.planes(of: pixels),
                // The connection already turned the buffer upright (see `orient`).
                rotationDegrees: 0,
                mirrored: connection.isVideoMirrored,
                timestampMs: Int64(seconds * 1000)
            ))
    }

    /// Each plane's base address, bytes per row and rows (the buffer is locked).
    private static func planes(of pixels: CVPixelBuffer) -> [RnSmileIdCameraFrame.Plane] {
        guard CVPixelBufferIsPlanar(pixels) else {
            guard let base = CVPixelBufferGetBaseAddress(pixels) else { return [] }
            let bytesPerRow = CVPixelBufferGetBytesPerRow(pixels)
            let rows = CVPixelBufferGetHeight(pixels)
            return [.init(base: base, bytesPerRow: bytesPerRow, rows: rows)]
        }
        return (0..<CVPixelBufferGetPlaneCount(pixels)).compactMap { i in
            guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, i) else { return nil }
            let bytesPerRow = CVPixelBufferGetBytesPerRowOfPlane(pixels, i)
            let rows = CVPixelBufferGetHeightOfPlane(pixels, i)
            return .init(base: base, bytesPerRow: bytesPerRow, rows: rows)
        }
    }
}
