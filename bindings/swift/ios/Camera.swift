// The iPhone-only half of the Swift example (os_log, AVFoundation): these frameworks do not exist
// on Linux, so scripts/check-swift parses this file with tree-sitter instead of compiling it. The
// frame itself goes through `process(session:bgra:...)` of ../Example.swift, which is compiled.

import AVFoundation
import Foundation
import SmileIdFfi
import os

/// Hands the library's log to the unified logging system (the Console app, `log stream`). The lines
/// hold no secrets or personal data, so they are public. Install it once, process-wide:
/// `setLogger(logger: OsLogger(), level: .info)`.
final class OsLogger: SmileIdFfi.Logger {
    private let osLog = os.Logger(subsystem: "com.example.app", category: "SmileId")

    func log(record: LogRecord) {
        switch record.level {
        case .error: osLog.error("\(record.message, privacy: .public)")
        case .warn: osLog.warning("\(record.message, privacy: .public)")
        case .info: osLog.info("\(record.message, privacy: .public)")
        case .debug, .trace: osLog.debug("\(record.message, privacy: .public)")
        }
    }
}

/// Camera frames (32BGRA) straight from AVFoundation: the pixel buffer is borrowed, not copied.
final class CameraFeed: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate {
    private let session: CaptureSession

    init(store: TagStore) throws {
        session = try CaptureSession(store: store, tag: nil, options: nil)
        super.init()
    }

    func captureOutput(
        _ output: AVCaptureOutput, didOutput sampleBuffer: CMSampleBuffer,
        from connection: AVCaptureConnection
    ) {
        guard let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddress(pixels) else { return }
        let bytesPerRow = CVPixelBufferGetBytesPerRow(pixels)
        let height = CVPixelBufferGetHeight(pixels)
        _ = process(
            session: session,
            bgra: Data(bytesNoCopy: base, count: bytesPerRow * height, deallocator: .none),
            bytesPerRow: bytesPerRow,
            width: CVPixelBufferGetWidth(pixels),
            height: height,
            seconds: CMTimeGetSeconds(CMSampleBufferGetPresentationTimeStamp(sampleBuffer))
        )
    }
}
