import Foundation
@testable import RnSmileIdGlue
import SmileIdFfi
import SmileIdTestSupport
import XCTest

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
            return try body(RnSmileIdCameraFrame(
                pixelFormat: format.rawValue, width: buffer.width, height: buffer.height, planes: planes,
                rotationDegrees: rotation, mirrored: mirrored, timestampMs: timestampMs
            ))
        }
        let plane = buffer.planes[planes.count]
        return try plane.bytes.withUnsafeBytes { raw in
            try nest(planes + [RnSmileIdCameraFrame.Plane(base: raw.baseAddress!, bytesPerRow: plane.bytesPerRow, rows: plane.rows)])
        }
    }
    return try nest([])
}

/// Core Video frames (32BGRA and NV12 with padded rows, each rotation, mirrored or not) made
/// from a face photo, converted without copying and analysed by the library; a capture fed
/// with them makes a tag that passes JT4 then JT2 on the sandbox.
final class CameraFrameTests: GlueTestCase {
    private func firstGuidance(_ buffer: TestFrames.CameraBuffer, _ format: RnSmileIdCameraFrame.Format, rotation: Int, mirrored: Bool = false) throws -> Guidance {
        let session = try CaptureSession(store: try tempStore(), tag: nil, options: CaptureOptions(minIntervalMs: 60_000))
        return try withFrame(buffer, format: format, rotation: rotation, mirrored: mirrored) { frame in
            let (info, planes) = try frame.converted()
            return try session.processBuffers(info: info, plane0: planes[0], plane1: planes.count > 1 ? planes[1] : Data(), plane2: planes.count > 2 ? planes[2] : Data())
        }
    }

    func testEveryRotationOfBothFormatsShowsTheFaceUpright() throws {
        for format in [RnSmileIdCameraFrame.Format.bgra, .nv12FullRange] {
            for rotation in [0, 90, 180, 270] {
                let buffer = TestFrames.cameraBuffer(format == .bgra ? .bgra : .nv12, rotation: rotation)
                let guidance = try firstGuidance(buffer, format, rotation: rotation)
                guard case .capturing = guidance else { return XCTFail("\(format) at \(rotation)°: \(guidance)") }
                if rotation == 90 {
                    // The same buffer read without its turn shows a face lying on its side.
                    XCTAssertEqual(try firstGuidance(buffer, format, rotation: 0), .noFace, "\(format) unturned")
                }
            }
        }
    }

    func testMirroredBuffersAndVideoRangeAreReadUpright() throws {
        for rotation in [90, 270] {
            let buffer = TestFrames.cameraBuffer(.nv12, rotation: rotation, mirrored: true)
            let guidance = try firstGuidance(buffer, .nv12FullRange, rotation: rotation, mirrored: true)
            guard case .capturing = guidance else { return XCTFail("mirrored at \(rotation)°: \(guidance)") }
        }
        let video = try firstGuidance(TestFrames.cameraBuffer(.nv12, rotation: 90), .nv12VideoRange, rotation: 90)
        guard case .capturing = video else { return XCTFail("420v: \(video)") }
    }

    func testTheFrameDescriptionMatchesCoreVideosLayout() throws {
        let nv12 = TestFrames.cameraBuffer(.nv12, rotation: 90, padding: 32)
        try withFrame(nv12, format: .nv12FullRange, rotation: 90, mirrored: true, timestampMs: 1234) { frame in
            let (info, planes) = try frame.converted()
            XCTAssertEqual(info.format, .yuv420888)
            XCTAssertEqual([info.width, info.height], [1280, 720])
            XCTAssertEqual(info.planes, [
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
            let yuv422 = RnSmileIdCameraFrame(pixelFormat: 0x3276_7579, width: 1, height: 1, planes: frame.planes, rotationDegrees: 0, mirrored: false, timestampMs: 0)
            XCTAssertThrowsError(try yuv422.converted()) { XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.format") }
            XCTAssertTrue(RnSmileIdHost.errorEnvelope(try XCTUnwrapError { try yuv422.converted() }).contains("'2vuy'"))
            let twoPlanes = RnSmileIdCameraFrame(pixelFormat: RnSmileIdCameraFrame.Format.bgra.rawValue, width: 720, height: 1280, planes: frame.planes + frame.planes, rotationDegrees: 0, mirrored: false, timestampMs: 0)
            XCTAssertThrowsError(try twoPlanes.converted()) { XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.planes") }
            let tilted = RnSmileIdCameraFrame(pixelFormat: RnSmileIdCameraFrame.Format.bgra.rawValue, width: 720, height: 1280, planes: frame.planes, rotationDegrees: 45, mirrored: false, timestampMs: 0)
            XCTAssertThrowsError(try tilted.converted()) { XCTAssertEqual(($0 as? SmileIdError)?.errorField(), "frame.rotation_degrees") }
        }
    }

    /// The capture the camera screen runs: frames 400 ms apart until the tag is saved; the tag
    /// then enrols (JT4) and authenticates (JT2) through the module's calls.
    func testACaptureFedWithCameraFramesMakesATagThatPassesJt4ThenJt2() async throws {
        let host = try await configured()
        let (session, _) = try host.host.captureSession(options: #"{"tag":"camera"}"#)
        let finished = expectation(description: "capture finished")
        let outcome = Locked<Result<String, Error>?>(nil)
        let updates = Locked<[(prompt: String, progress: Double)]>([])
        let capture = RnSmileIdSelfieCapture(session: session, timeoutMillis: 60_000, update: { text, fraction in updates.with { $0.append((text, fraction)) } }) {
            result in outcome.with { $0 = result }
            finished.fulfill()
        }
        let buffer = TestFrames.cameraBuffer(.nv12, rotation: 90)
        for i in 0..<40 where !capture.isFinished {
            try withFrame(buffer, format: .nv12FullRange, rotation: 90, timestampMs: Int64(i) * 400) { capture.process($0) }
        }
        await fulfillment(of: [finished], timeout: 5)
        XCTAssertEqual(try outcome.with { $0 }?.get(), "camera")
        let prompts = updates.with { $0 }
        XCTAssertFalse(prompts.isEmpty)
        XCTAssertEqual(prompts.map(\.progress), prompts.map(\.progress).sorted(), "progress only grows")
        XCTAssertTrue(prompts.allSatisfy { (0...1).contains($0.progress) && !$0.prompt.isEmpty })
        capture.stop(.timeout) // after the end: no second outcome

        let captured = try envelope(host.host.captured(.success("camera")))["ok"] as? [String: Any]
        XCTAssertEqual((captured?["livenessPaths"] as? [String])?.count, 7)
        XCTAssertTrue(captured?["selfiePath"] is String)
        let userId = "camera-\(UUID().uuidString)"
        let enrol = try await host.ok("submitJob", [["tag": "camera", "jobType": 4, "partnerParams": ["userId": userId], "jobStatusPollingTimeoutMillis": 30_000]]) as? [String: Any]
        XCTAssertEqual(enrol?["ResultCode"] as? String, "0840")
        let auth = try await host.ok("submitJob", [["tag": "camera", "jobType": 2, "partnerParams": ["userId": userId], "jobStatusPollingTimeoutMillis": 30_000]]) as? [String: Any]
        XCTAssertEqual(auth?["ResultCode"] as? String, "0820")
    }

    func testACaptureWithoutAUsableFaceTimesOutAndSavesNothing() async throws {
        let host = try GlueHost()
        let (session, _) = try host.host.captureSession(options: #"{"tag":"late"}"#)
        let finished = expectation(description: "capture finished")
        let outcome = Locked<Result<String, Error>?>(nil)
        let capture = RnSmileIdSelfieCapture(session: session, timeoutMillis: 300, update: { _, _ in }) { result in
            outcome.with { $0 = result }
            finished.fulfill()
        }
        let grey = TestFrames.CameraBuffer(width: 1280, height: 720, planes: [([UInt8](repeating: 128, count: 1280 * 4 * 720), 1280 * 4, 720)])
        try withFrame(grey, format: .bgra, rotation: 0) { capture.process($0) }
        await fulfillment(of: [finished], timeout: 5)
        let r = expectError("capture_timeout", field: nil, try envelope(host.host.captured(try XCTUnwrap(outcome.with { $0 }))))
        XCTAssertEqual(r["message"] as? String, RnSmileIdCaptureError.timeout.message)
        let tags = try await host.ok("getCurrentTags") as? [String]
        XCTAssertEqual(tags, [])
    }

    func testClosingTheScreenCancelsTheCaptureAndKeepsAnExistingTag() async throws {
        let host = try await configured(tag: "kept")
        let before = (try await host.ok("getImagesForTag", "kept") as? [String: Any])?["liveness"] as? [String]
        let ends = Locked<[Result<String, Error>]>([])
        let capture = RnSmileIdSelfieCapture(session: try host.host.captureSession(options: #"{"tag":"kept"}"#).0, timeoutMillis: 60_000, update: { _, _ in }) { result in
            ends.with { $0.append(result) }
        }
        let buffer = TestFrames.cameraBuffer(.bgra, rotation: 90)
        for i in 0..<3 {
            try withFrame(buffer, format: .bgra, rotation: 90, timestampMs: Int64(i) * 400) { capture.process($0) }
        }
        capture.stop(.cancelled)
        capture.stop(.unavailable)
        try withFrame(buffer, format: .bgra, rotation: 90, timestampMs: 2000) { capture.process($0) }
        let outcomes = ends.with { $0 }
        XCTAssertEqual(outcomes.count, 1)
        expectError("capture_cancelled", field: nil, try envelope(host.host.captured(try XCTUnwrap(outcomes.first))))
        let after = (try await host.ok("getImagesForTag", "kept") as? [String: Any])?["liveness"] as? [String]
        XCTAssertEqual(after, before)
    }
}

/// The error `body` throws.
private func XCTUnwrapError(_ body: () throws -> Any) throws -> Error {
    do {
        _ = try body()
    } catch {
        return error
    }
    struct NoError: Error {}
    throw NoError()
}
