// Frames/s of CaptureSession fed from Swift (scripts/bench-bindings runs it through
// `scripts/test-swift --frame-bench FILE COUNT`; the Rust side is bindings/examples/frame_bench.rs
// on the frame written to FILE). Every frame is fully analysed (conversion, face detection,
// checks): the 60 s minimum interval between captures keeps the session from finishing. `camera`
// is the iPhone path of the React Native camera screen: a 420f (NV12) buffer with padded rows
// described as Core Video does, converted by RnSmileIdCameraFrame, then processBuffers.
//
//   FrameBench FILE [COUNT]

import Foundation
import RnSmileIdGlue
import SmileIdFfi
import SmileIdTestSupport

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fatalError("usage: FrameBench FILE [COUNT]") }
let count = arguments.count > 2 ? Int(arguments[2])! : 300
let warmup = 30

func measure(_ feed: (CaptureSession, Int64) throws -> Guidance) throws -> Double {
    let session = try CaptureSession(
        store: try tempStore(), tag: nil, options: CaptureOptions(minIntervalMs: 60_000))
    for i in 0..<warmup {
        _ = try feed(session, Int64(i) * 33)
    }
    let start = Date()
    for i in 0..<count {
        let guidance = try feed(session, Int64(warmup + i) * 33)
        guard case .capturing = guidance else { fatalError("frame \(i): \(guidance)") }
    }
    return Double(count) / Date().timeIntervalSince(start)
}

let nv21 = TestFrames.nv21Portrait
try nv21.write(to: URL(fileURLWithPath: arguments[1]))
let (y, vu) = TestFrames.planes(nv21)
let nv12 = TestFrames.cameraBuffer(.nv12, rotation: Int(TestFrames.rotation))

/// One NV12 frame as the camera screen hands it over: planes by address, converted, analysed.
func camera(_ session: CaptureSession, _ timestampMs: Int64) throws -> Guidance {
    try nv12.planes[0].bytes.withUnsafeBytes { y in
        try nv12.planes[1].bytes.withUnsafeBytes { cbcr in
            let frame = RnSmileIdCameraFrame(
                pixelFormat: RnSmileIdCameraFrame.Format.nv12FullRange.rawValue,
                width: nv12.width,
                height: nv12.height,
                planes: zip([y, cbcr], nv12.planes).map { bytes, plane in
                    .init(
                        base: bytes.baseAddress!, bytesPerRow: plane.bytesPerRow, rows: plane.rows)
                },
                rotationDegrees: Int(TestFrames.rotation),
                mirrored: false,
                timestampMs: timestampMs
            )
            let (info, planes) = try frame.converted()
            return try session.processBuffers(
                info: info, plane0: planes[0], plane1: planes[1], plane2: planes[2]
            )
        }
    }
}

// Interleave the paths so all see the same machine state.
var buffers = 0.0
var frame = 0.0
var cameraFps = 0.0
for _ in 0..<2 {
    buffers = max(
        buffers,
        try measure {
            try $0.processBuffers(
                info: TestFrames.info(timestampMs: $1), plane0: y, plane1: vu, plane2: Data())
        })
    frame = max(
        frame,
        try measure {
            try $0.processFrame(
                info: TestFrames.info(timestampMs: $1, planes: TestFrames.onePlane), planes: [nv21])
        })
    cameraFps = max(cameraFps, try measure(camera))
}
let line = "SWIFT_FPS buffers=%.1f frame=%.1f camera=%.1f frames=%d"
print(String(format: line, buffers, frame, cameraFps, count))
