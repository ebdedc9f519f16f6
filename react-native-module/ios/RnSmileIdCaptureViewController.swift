// The full-screen camera screen of `captureSelfie`: the front camera's preview, the library's
// guidance and progress, a close button. Frames go from AVCaptureVideoDataOutput (32BGRA or
// 420f, late frames dropped) to Glue/RnSmileIdSelfieCapture on a serial queue off the main
// thread; the preview layer never waits for them. Finishes once, after dismissing itself.

import AVFoundation
import UIKit
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

final class RnSmileIdCaptureViewController: UIViewController,
    AVCaptureVideoDataOutputSampleBufferDelegate {
    private let session: CaptureSession
    private let timeoutMillis: Int64
    private let completion: (Result<String, Error>) -> Void
    private var capture: RnSmileIdSelfieCapture?

    private let camera = AVCaptureSession()
    private let frames = DispatchQueue(label: "smileid.capture.frames")
    private let prompt = UILabel()
    private let progress = UIProgressView(progressViewStyle: .bar)
    private var preview: AVCaptureVideoPreviewLayer?
    /// iOS 17+: the turn that makes the sensor's buffers upright for the device's orientation.
    private var rotation: AnyObject?
    private var rotationDegrees = 0

    init(
        session: CaptureSession,
        timeoutMillis: Int64,
        completion: @escaping (Result<String, Error>) -> Void
    ) {
        self.session = session
        self.timeoutMillis = timeoutMillis
        self.completion = completion
        super.init(nibName: nil, bundle: nil)
        modalPresentationStyle = .fullScreen
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
        prompt.text = RnSmileIdSelfieCapture.prompt(.noFace)
        let close = UIButton(type: .close)
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
    }

    override func viewDidAppear(_ animated: Bool) {
        super.viewDidAppear(animated)
        guard capture == nil else { return }
        capture = RnSmileIdSelfieCapture(
            session: session,
            timeoutMillis: timeoutMillis,
            update: { [weak self] text, fraction in
                DispatchQueue.main.async {
                    self?.prompt.text = text
                    self?.progress.setProgress(Float(fraction), animated: true)
                }
            },
            finish: { [weak self] result in
                DispatchQueue.main.async { self?.finish(result) }
            }
        )
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized:
            startCamera()
        case .notDetermined:
            AVCaptureDevice.requestAccess(for: .video) { granted in
                DispatchQueue.main.async {
                    if granted { self.startCamera() } else { self.capture?.stop(.permissionDenied) }
                }
            }
        default:
            capture?.stop(.permissionDenied)
        }
    }

    override func viewDidLayoutSubviews() {
        super.viewDidLayoutSubviews()
        preview?.frame = view.bounds
    }

    @objc private func closeTapped() {
        capture?.stop(.cancelled)
    }

    /// Front camera → preview layer and video data output; any failure is `camera_unavailable`.
    private func startCamera() {
        let front = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .front)
        guard let device = front,
              let input = try? AVCaptureDeviceInput(device: device),
              camera.canAddInput(input) else {
            capture?.stop(.unavailable)
            return
        }
        camera.beginConfiguration()
        camera.sessionPreset = camera.canSetSessionPreset(.hd1280x720) ? .hd1280x720 : .high
        camera.addInput(input)
        let output = AVCaptureVideoDataOutput()
        // 420f is the sensor's own format (no conversion); BGRA when it is not offered.
        let nv12 = kCVPixelFormatType_420YpCbCr8BiPlanarFullRange
        let offered = output.availableVideoPixelFormatTypes
        let format = offered.contains(nv12) ? nv12 : kCVPixelFormatType_32BGRA
        output.videoSettings = [kCVPixelBufferPixelFormatTypeKey as String: format]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(self, queue: frames)
        guard camera.canAddOutput(output) else {
            camera.commitConfiguration()
            capture?.stop(.unavailable)
            return
        }
        camera.addOutput(output)
        let layer = AVCaptureVideoPreviewLayer(session: camera)
        layer.videoGravity = .resizeAspectFill
        layer.frame = view.bounds
        view.layer.insertSublayer(layer, at: 0)
        preview = layer
        if let connection = output.connection(with: .video) {
            // Unmirrored buffers; the preview layer mirrors on its own.
            if connection.isVideoMirroringSupported {
                connection.automaticallyAdjustsVideoMirroring = false
                connection.isVideoMirrored = false
            }
            orient(connection, device: device, layer: layer)
        }
        camera.commitConfiguration()
        let failed = Notification.Name.AVCaptureSessionRuntimeError
        NotificationCenter.default.addObserver(
            self, selector: #selector(cameraFailed), name: failed, object: camera
        )
        frames.async { self.camera.startRunning() }
    }

    /// iOS 17+: buffers stay as the sensor gives them and each frame carries the coordinator's
    /// angle; before, the connection turns them to portrait (this screen is portrait only).
    private func orient(
        _ connection: AVCaptureConnection,
        device: AVCaptureDevice,
        layer: AVCaptureVideoPreviewLayer
    ) {
        if #available(iOS 17.0, *) {
            let coordinator = AVCaptureDevice.RotationCoordinator(
                device: device, previewLayer: layer
            )
            rotation = coordinator
            frames.async {
                self.rotationDegrees = Int(coordinator.videoRotationAngleForHorizonLevelCapture)
            }
        } else if connection.isVideoOrientationSupported {
            connection.videoOrientation = .portrait
        }
    }

    @objc private func cameraFailed() {
        capture?.stop(.unavailable)
    }

    func captureOutput(
        _ output: AVCaptureOutput,
        didOutput sampleBuffer: CMSampleBuffer,
        from connection: AVCaptureConnection
    ) {
        guard let capture = capture, !capture.isFinished,
              let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        if #available(iOS 17.0, *),
           let coordinator = rotation as? AVCaptureDevice.RotationCoordinator {
            rotationDegrees = Int(coordinator.videoRotationAngleForHorizonLevelCapture)
        }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        let planes = Self.planes(of: pixels)
        let seconds = CMTimeGetSeconds(CMSampleBufferGetPresentationTimeStamp(sampleBuffer))
        capture.process(RnSmileIdCameraFrame(
            pixelFormat: CVPixelBufferGetPixelFormatType(pixels),
            width: CVPixelBufferGetWidth(pixels),
            height: CVPixelBufferGetHeight(pixels),
            planes: planes,
            rotationDegrees: rotationDegrees,
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

    /// Stops the camera, dismisses the screen, then reports.
    private func finish(_ result: Result<String, Error>) {
        NotificationCenter.default.removeObserver(self)
        frames.async { self.camera.stopRunning() }
        let completion = self.completion
        if presentingViewController != nil {
            dismiss(animated: true) { completion(result) }
        } else {
            completion(result)
        }
    }
}
