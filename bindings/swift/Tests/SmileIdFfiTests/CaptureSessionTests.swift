import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

/// Camera frames from Swift: 1280×720 NV21 as an Android phone held upright delivers them, and
/// 32BGRA with padded rows as an iPhone's camera does.
final class CaptureSessionTests: SandboxTestCase {
    /// Feeds frames 400 ms apart until the capture is done; returns the guidance seen.
    private func captureAll(_ session: CaptureSession, _ feed: (Int64) throws -> Guidance) throws
        -> [Guidance]
    {
        var seen: [Guidance] = []
        for i in 0..<40 {
            let guidance = try feed(Int64(i) * 400)
            seen.append(guidance)
            if case .done = guidance { return seen }
        }
        XCTFail(
            "capture did not finish: \(seen), "
                + "progress \(String(describing: try? session.progress()))"
        )
        return seen
    }

    private func counts(_ seen: [Guidance]) -> [(captured: Int32, total: Int32)] {
        seen.compactMap {
            if case .capturing(let captured, let total) = $0 {
                return (captured, total)
            } else {
                return nil
            }
        }
    }

    func testNv21PlaneBuffersMakeATagThatEnrols() async throws {
        let store = try tempStore()
        let session = try CaptureSession(store: store, tag: "camera", options: nil)
        XCTAssertEqual(session.tag(), "camera")
        let (y, vu) = TestFrames.planes(TestFrames.nv21Portrait)
        let seen = try captureAll(session) {
            try session.processBuffers(
                info: TestFrames.info(timestampMs: $0), plane0: y, plane1: vu, plane2: Data())
        }
        XCTAssertEqual(seen.last, .done(tag: "camera"))
        let captured = counts(seen).map(\.captured)
        XCTAssertEqual(captured, captured.sorted(), "the count only grows: \(seen)")
        XCTAssertEqual(counts(seen).first?.total, 8)
        XCTAssertEqual(try session.progress(), CaptureProgress(captured: 8, total: 8, done: true))
        // A frame after Done just repeats it.
        XCTAssertEqual(
            try session.processBuffers(
                info: TestFrames.info(timestampMs: 100_000), plane0: y, plane1: vu, plane2: Data()),
            .done(tag: "camera"))

        XCTAssertEqual(try store.images(tag: "camera").liveness.count, 7)
        XCTAssertEqual(try store.list().map(\.source), ["camera"])
        let result = try await client(store).submitJob(params: jobParams(tag: "camera"))
        XCTAssertEqual(result.status.result?.resultCode, "0840")
    }

    func testOnePlaneNv21FramesReachTheSameResult() throws {
        let store = try tempStore()
        let session = try CaptureSession(store: store, tag: nil, options: nil)
        let seen = try captureAll(session) {
            try session.processFrame(
                info: TestFrames.info(timestampMs: $0, planes: TestFrames.onePlane),
                planes: [TestFrames.nv21Portrait])
        }
        guard case .done(let tag) = seen.last else { return XCTFail("\(seen)") }
        XCTAssertEqual(tag, session.tag())
        XCTAssertTrue(try store.exists(tag: tag))
    }

    func testBgraFramesWithPaddedRowsMakeATag() throws {
        let store = try tempStore()
        let session = try CaptureSession(store: store, tag: "iphone", options: nil)
        let seen = try captureAll(session) {
            try session.processBuffers(
                info: TestFrames.bgraInfo(timestampMs: $0), plane0: TestFrames.bgraPortrait,
                plane1: Data(), plane2: Data())
        }
        XCTAssertEqual(seen.last, .done(tag: "iphone"))
        XCTAssertEqual(counts(seen).first?.total, 8)
        XCTAssertEqual(try store.images(tag: "iphone").liveness.count, 7)
    }

    func testGuidanceForAnEmptySceneAndFramesThatDoNotFitTheirSize() async throws {
        let store = try tempStore()
        let session = try CaptureSession(
            store: store, tag: "empty", options: CaptureOptions(livenessFrames: 3))
        let ySize = TestFrames.width * TestFrames.height
        let grey = Data(repeating: 128, count: TestFrames.nv21Portrait.count)
        let (y, vu) = TestFrames.planes(grey)
        XCTAssertEqual(
            try session.processBuffers(
                info: TestFrames.info(timestampMs: 0), plane0: y, plane1: vu, plane2: Data()),
            .noFace)
        let (darkY, darkVu) = TestFrames.planes(
            Data(repeating: 5, count: ySize) + Data(repeating: 128, count: ySize / 2))
        XCTAssertEqual(
            try session.processBuffers(
                info: TestFrames.info(timestampMs: 10), plane0: darkY, plane1: darkVu,
                plane2: Data()), .tooDark)

        await expectError("InvalidImage", code: "invalid_image", field: "frame.planes[0]") {
            _ = try session.processBuffers(
                info: TestFrames.info(timestampMs: 20), plane0: Data(count: 100), plane1: vu,
                plane2: Data())
        }
        await expectError("InvalidInput", code: "invalid_input", field: "frame.timestamp_ms") {
            _ = try session.processBuffers(
                info: TestFrames.info(timestampMs: -1), plane0: y, plane1: vu, plane2: Data())
        }
        // Two plane layouts, one plane of bytes.
        await expectError("InvalidInput", code: "invalid_input", field: "frame.planes") {
            _ = try session.processFrame(info: TestFrames.info(timestampMs: 25), planes: [grey])
        }
        XCTAssertEqual(try session.progress().captured, 0)
        try session.cancel()
        await expectError("Cancelled", code: "cancelled", field: nil) {
            _ = try session.processBuffers(
                info: TestFrames.info(timestampMs: 40), plane0: y, plane1: vu, plane2: Data())
        }
        XCTAssertFalse(try store.exists(tag: "empty"), "a cancelled capture saves nothing")
    }

    func testACancelledCaptureLeavesTheExistingTagAlone() throws {
        let (store, _) = try photoTag("obama_2.jpg", tag: "kept")
        let before = try store.images(tag: "kept")
        let session = try CaptureSession(store: store, tag: "kept", options: nil)
        let (y, vu) = TestFrames.planes(TestFrames.nv21Portrait)
        for i in 0..<3 {
            _ = try session.processBuffers(
                info: TestFrames.info(timestampMs: Int64(i) * 400), plane0: y, plane1: vu,
                plane2: Data())
        }
        XCTAssertGreaterThan(try session.progress().captured, 0)
        try session.cancel()
        XCTAssertEqual(try store.images(tag: "kept"), before)
    }
}
