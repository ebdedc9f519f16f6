import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

@testable import RnSmileIdGlue

/// Runs `body` with the frame Core Video would describe for `buffer` (its pointers are valid
/// inside `body` only, as a locked CVPixelBuffer's).
func withFrame<R>(
    _ buffer: TestFrames.CameraBuffer,
    format: RnSmileIdCameraFrame.Format,
    rotation: Int,
    mirrored: Bool = false,
    timestampMs: Int64 = 0,
    _ body: (RnSmileIdCameraFrame) throws -> R
) throws -> R {
    func nest(_ planes: [RnSmileIdCameraFrame.Plane]) throws -> R {
        guard planes.count < buffer.planes.count else {
            return try body(
                RnSmileIdCameraFrame(
                    pixelFormat: format.rawValue, width: buffer.width, height: buffer.height,
                    planes: planes,
                    rotationDegrees: rotation, mirrored: mirrored, timestampMs: timestampMs
                ))
        }
        let plane = buffer.planes[planes.count]
        return try plane.bytes.withUnsafeBytes { raw in
            try nest(
                planes + [
                    RnSmileIdCameraFrame.Plane(
                        base: raw.baseAddress!, bytesPerRow: plane.bytesPerRow, rows: plane.rows)
                ])
        }
    }
    return try nest([])
}

/// Core Video frames (32BGRA and NV12 with padded rows, each rotation, mirrored or not) made
/// from a face photo, converted without copying and analysed by the library; a capture fed
/// with them makes a tag that passes JT4 then JT2 on the sandbox.
final class CameraFrameTests: GlueTestCase {
    private func firstGuidance(
        _ buffer: TestFrames.CameraBuffer, _ format: RnSmileIdCameraFrame.Format, rotation: Int,
        mirrored: Bool = false
    ) throws -> Guidance {
        let session = try CaptureSession(
            store: try tempStore(), tag: nil, options: CaptureOptions(minIntervalMs: 60_000))
        return try withFrame(buffer, format: format, rotation: rotation, mirrored: mirrored) {
            frame in
            let (info, planes) = try frame.converted()
            return try session.processBuffers(
                info: info, plane0: planes[0], plane1: planes.count > 1 ? planes[1] : Data(),
                plane2: planes.count > 2 ? planes[2] : Data())
        }
    }

    func testEveryRotationOfBothFormatsShowsTheFaceUpright() throws {
        for format in [RnSmileIdCameraFrame.Format.bgra, .nv12FullRange] {
            for rotation in [0, 90, 180, 270] {
                let buffer = TestFrames.cameraBuffer(
                    format == .bgra ? .bgra : .nv12, rotation: rotation)
                let guidance = try firstGuidance(buffer, format, rotation: rotation)
                guard case .capturing = guidance else {
                    return XCTFail("\(format) at \(rotation)°: \(guidance)")
                }
                if rotation == 90 {
                    // The same buffer read without its turn shows a face lying on its side.
                    XCTAssertEqual(
                        try firstGuidance(buffer, format, rotation: 0), .noFace,
                        "\(format) unturned")
                }
            }
        }
    }

    func testMirroredBuffersAndVideoRangeAreReadUpright() throws {
        for rotation in [90, 270] {
            let buffer = TestFrames.cameraBuffer(.nv12, rotation: rotation, mirrored: true)
            let guidance = try firstGuidance(
                buffer, .nv12FullRange, rotation: rotation, mirrored: true)
            guard case .capturing = guidance else {
                return XCTFail("mirrored at \(rotation)°: \(guidance)")
            }
        }
        let video = try firstGuidance(
            TestFrames.cameraBuffer(.nv12, rotation: 90), .nv12VideoRange, rotation: 90)
        guard case .capturing = video else { return XCTFail("420v: \(video)") }
    }

    func testTheFrameDescriptionMatchesCoreVideosLayout() throws {
        let nv12 = TestFrames.cameraBuffer(.nv12, rotation: 90, padding: 32)
        try withFrame(nv12, format: .nv12FullRange, rotation: 90, mirrored: true, timestampMs: 1234)
        { frame in
            let (info, planes) = try frame.converted()
            XCTAssertEqual(info.format, .yuv420888)
            XCTAssertEqual([info.width, info.height], [1280, 720])
            XCTAssertEqual(
                info.planes,
                [
                    PlaneLayout(rowStride: 1312, pixelStride: 1),
                    PlaneLayout(rowStride: 1312, pixelStride: 2),
                    PlaneLayout(rowStride: 1312, pixelStride: 2),
                ])
            XCTAssertEqual(info.rotationDegrees, 270, "a mirrored buffer turned half a turn more")
            XCTAssertEqual(info.timestampMs, 1234)
            XCTAssertEqual(planes.map(\.count), [1312 * 720, 1312 * 360, 1312 * 360 - 1])
            // Cr is the byte after each Cb, read in place.
            XCTAssertEqual(planes[2].first, nv12.planes[1].bytes[1])
            XCTAssertEqual(planes[1].first, nv12.planes[1].bytes[0])
        }
    }

    func testFramesTheLibraryCannotTakeAreRefusedWithTheFieldNamed() async throws {
        let bgra = TestFrames.cameraBuffer(.bgra, rotation: 0)
        try withFrame(bgra, format: .bgra, rotation: 0) { frame in
            let yuv422 = RnSmileIdCameraFrame(
                pixelFormat: 0x3276_7579, width: 1, height: 1, planes: frame.planes,
                rotationDegrees: 0, mirrored: false, timestampMs: 0)
            XCTAssertThrowsError(try yuv422.converted()) {
                XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.format")
            }
            let refusal = try thrownError { try yuv422.converted() } as? SmileIdError
            XCTAssertTrue(refusal?.errorDetail().contains("'2vuy'") ?? false)
            let twoPlanes = RnSmileIdCameraFrame(
                pixelFormat: RnSmileIdCameraFrame.Format.bgra.rawValue, width: 720, height: 1280,
                planes: frame.planes + frame.planes, rotationDegrees: 0, mirrored: false,
                timestampMs: 0)
            XCTAssertThrowsError(try twoPlanes.converted()) {
                XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.planes")
            }
            let tilted = RnSmileIdCameraFrame(
                pixelFormat: RnSmileIdCameraFrame.Format.bgra.rawValue, width: 720, height: 1280,
                planes: frame.planes, rotationDegrees: 45, mirrored: false, timestampMs: 0)
            XCTAssertThrowsError(try tilted.converted()) {
                XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.rotation_degrees")
            }
        }
    }

    private func capture(
        _ screen: CaptureScreen
    ) -> (RnSmileIdSelfieCapture, Locked<[CaptureView]>, Locked<[CaptureOutcome]>) {
        let views = Locked<[CaptureView]>([])
        let outcomes = Locked<[CaptureOutcome]>([])
        let capture = RnSmileIdSelfieCapture(
            screen: screen,
            draw: { view in views.with { $0.append(view) } },
            finish: { outcome in outcomes.with { $0.append(outcome) } }
        )
        return (capture, views, outcomes)
    }

    /// The capture the camera screen runs: frames 400 ms apart until the tag is saved; every
    /// view is drawn and the outcome reported once.
    func testACaptureFedWithCameraFramesSavesATagAndReportsOnce() throws {
        let store = try tempStore()
        let screen = try CaptureScreen(store: store, tag: "camera", options: nil, screen: nil)
        let (capture, views, outcomes) = capture(screen)
        let buffer = TestFrames.cameraBuffer(.nv12, rotation: 90)
        for i in 0..<40 where !capture.isFinished {
            let t = Int64(i) * 400
            try withFrame(buffer, format: .nv12FullRange, rotation: 90, timestampMs: t) {
                capture.process($0, nowMs: t)
            }
        }
        capture.cancel()  // after the end: no second outcome
        XCTAssertEqual(outcomes.with { $0 }, [.captured(tag: "camera")])
        let drawn = views.with { $0 }
        XCTAssertEqual(drawn.map(\.progress), drawn.map(\.progress).sorted(), "progress only grows")
        XCTAssertTrue(drawn.allSatisfy { !$0.prompt.isEmpty })
        XCTAssertEqual(drawn.last?.promptKey, "done")
        XCTAssertEqual(try store.images(tag: "camera").liveness.count, 7)
    }

    func testAScreenWithoutAUsableFaceTimesOutFromItsFirstFrameAndSavesNothing() throws {
        let store = try tempStore()
        let options = CaptureScreenOptions(timeoutMs: 300, prompts: ["no_face": "Visage ?"])
        let screen = try CaptureScreen(store: store, tag: "late", options: nil, screen: options)
        let (capture, views, outcomes) = capture(screen)
        capture.permissionRequested()
        XCTAssertEqual(views.with { $0 }.last?.promptKey, "camera_permission")
        capture.tick(nowMs: 1_000_000)  // the permission alert's time is not counted
        let grey = TestFrames.CameraBuffer(
            width: 1280, height: 720,
            planes: [([UInt8](repeating: 128, count: 1280 * 4 * 720), 1280 * 4, 720)]
        )
        try withFrame(grey, format: .bgra, rotation: 0) { capture.process($0, nowMs: 2_000_000) }
        XCTAssertEqual(views.with { $0 }.last?.prompt, "Visage ?")
        capture.tick(nowMs: 2_000_299)
        XCTAssertEqual(outcomes.with { $0 }, [])
        capture.tick(nowMs: 2_000_300)
        capture.cancel()
        guard case .failed(let code, let message)? = outcomes.with({ $0 }).first else {
            return XCTFail("no failure: \(outcomes.with { $0 })")
        }
        XCTAssertEqual(code, "capture_timeout")
        XCTAssertTrue(message.contains("300 ms"), message)
        XCTAssertEqual(outcomes.with { $0 }.count, 1)
        XCTAssertEqual(try store.list(), [])
    }

    func testClosingTheScreenCancelsTheCaptureAndKeepsAnExistingTag() throws {
        let store = try tempStore()
        let selfie = try TestEnv.faceData("obama_2.jpg")
        _ = try captureFromFiles(
            store: store, tag: "kept", selfie: selfie, liveness: [], options: nil)
        let before = try store.images(tag: "kept")
        let screen = try CaptureScreen(store: store, tag: "kept", options: nil, screen: nil)
        let (capture, _, outcomes) = capture(screen)
        let buffer = TestFrames.cameraBuffer(.bgra, rotation: 90)
        for i in 0..<3 {
            let t = Int64(i) * 400
            try withFrame(buffer, format: .bgra, rotation: 90, timestampMs: t) {
                capture.process($0, nowMs: t)
            }
        }
        capture.cancel()
        capture.cameraUnavailable("disconnected")
        try withFrame(buffer, format: .bgra, rotation: 90, timestampMs: 2000) {
            capture.process($0, nowMs: 2000)
        }
        let ended = outcomes.with { $0 }
        XCTAssertEqual(ended.count, 1)
        guard case .failed(let code, _)? = ended.first else { return XCTFail("\(ended)") }
        XCTAssertEqual(code, "capture_cancelled")
        XCTAssertEqual(try store.images(tag: "kept"), before)
    }

    /// A buffer the conversion refuses (a pixel format the screen never asks for) ends the
    /// screen as an unusable camera.
    func testAFrameThatCannotBeReadEndsTheScreenAsCameraUnavailable() throws {
        let screen = try CaptureScreen(store: try tempStore(), tag: nil, options: nil, screen: nil)
        let (capture, _, outcomes) = capture(screen)
        let buffer = TestFrames.cameraBuffer(.bgra, rotation: 0)
        let frame = { (planes: [RnSmileIdCameraFrame.Plane]) in
            RnSmileIdCameraFrame(
                pixelFormat: 0x7979_7979, width: buffer.width, height: buffer.height,
                planes: planes, rotationDegrees: 0, mirrored: false, timestampMs: 0
            )
        }
        try withFrame(buffer, format: .bgra, rotation: 0) { capture.process(frame($0.planes)) }
        guard case .failed(let code, _)? = outcomes.with({ $0 }).first else {
            return XCTFail("\(outcomes.with { $0 })")
        }
        XCTAssertEqual(code, "camera_unavailable")
    }
}

/// The error `body` throws.
private func thrownError(_ body: () throws -> Any) throws -> Error {
    do {
        _ = try body()
    } catch {
        return error
    }
    struct NoError: Error {}
    throw NoError()
}
