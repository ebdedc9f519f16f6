// A camera frame as Core Video describes it (pixel format code, size, each plane's base address
// and bytes per row, orientation), turned into the bindings' FrameInfo and planes without
// copying a pixel. No Core Video types here, so it compiles and is tested off Apple platforms;
// the camera screen fills it from a locked CVPixelBuffer.

import Foundation

// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
    import SmileIdFfi
#endif

// Public so that the frame bench (ios/Bench/FrameBench) measures this very code.
public struct RnSmileIdCameraFrame {
    /// The Core Video formats the capture session takes.
    public enum Format: UInt32 {
        /// kCVPixelFormatType_32BGRA: one plane, B G R A.
        case bgra = 0x4247_5241  // 'BGRA'
        /// kCVPixelFormatType_420YpCbCr8BiPlanarFullRange (NV12): Y, then interleaved Cb/Cr.
        case nv12FullRange = 0x3432_3066  // '420f'
        /// The same in video range (16-235); analysed as full range, so a little flatter.
        case nv12VideoRange = 0x3432_3076  // '420v'
    }

    /// One plane: `bytesPerRow * rows` readable bytes from `base`, valid while the buffer is
    /// locked (CVPixelBufferGetBaseAddressOfPlane, GetBytesPerRowOfPlane, GetHeightOfPlane).
    public struct Plane {
        let base: UnsafeRawPointer
        let bytesPerRow: Int
        let rows: Int

        public init(base: UnsafeRawPointer, bytesPerRow: Int, rows: Int) {
            self.base = base
            self.bytesPerRow = bytesPerRow
            self.rows = rows
        }
    }

    /// CVPixelBufferGetPixelFormatType's code.
    let pixelFormat: UInt32
    let width: Int
    let height: Int
    let planes: [Plane]
    /// Clockwise turn (0, 90, 180, 270) that shows the buffer upright, as the capture
    /// connection's rotation angle tells it.
    let rotationDegrees: Int
    /// The buffer is mirrored left-right (a front camera connection with `isVideoMirrored`).
    let mirrored: Bool
    let timestampMs: Int64

    public init(
        pixelFormat: UInt32,
        width: Int,
        height: Int,
        planes: [Plane],
        rotationDegrees: Int,
        mirrored: Bool,
        timestampMs: Int64
    ) {
        self.pixelFormat = pixelFormat
        self.width = width
        self.height = height
        self.planes = planes
        self.rotationDegrees = rotationDegrees
        self.mirrored = mirrored
        self.timestampMs = timestampMs
    }

    /// The bindings' view of this frame: its FrameInfo and up to three planes wrapping the
    /// buffer's memory (no copy; use them before unlocking it). NV12 goes over as YUV_420_888
    /// whose U and V views share the Cb/Cr plane with a pixel stride of 2.
    public func converted() throws -> (info: FrameInfo, planes: [Data]) {
        let name = Self.fourCC(pixelFormat)
        guard let format = Format(rawValue: pixelFormat) else {
            throw invalid("frame.format", "\(name) is not supported; ask for 32BGRA or 420f")
        }
        let expected = format == .bgra ? 1 : 2
        guard planes.count == expected else {
            throw invalid("frame.planes", "\(name) has \(expected) plane(s), got \(planes.count)")
        }
        guard rotationDegrees % 90 == 0, (0..<360).contains(rotationDegrees) else {
            throw invalid("frame.rotation_degrees", "use 0, 90, 180 or 270 (clockwise to upright)")
        }
        let data = planes.map { Self.wrap($0.base, count: $0.bytesPerRow * $0.rows) }
        let layouts: [PlaneLayout]
        let buffers: [Data]
        if format == .bgra {
            layouts = [PlaneLayout(rowStride: Int32(planes[0].bytesPerRow), pixelStride: 4)]
            buffers = data
        } else {
            let chroma = planes[1]
            let cr = Self.wrap(chroma.base + 1, count: chroma.bytesPerRow * chroma.rows - 1)
            let stride = Int32(chroma.bytesPerRow)
            layouts = [
                PlaneLayout(rowStride: Int32(planes[0].bytesPerRow), pixelStride: 1),
                PlaneLayout(rowStride: stride, pixelStride: 2),
                PlaneLayout(rowStride: stride, pixelStride: 2),
            ]
            buffers = [data[0], data[1], cr]
        }
        let info = FrameInfo(
            format: format == .bgra ? .bgra8888 : .yuv420888,
            width: Int32(width),
            height: Int32(height),
            planes: layouts,
            rotationDegrees: Int32(uprightRotation),
            timestampMs: timestampMs,
            smileProbability: nil,
            headPose: nil
        )
        return (info, buffers)
    }

    /// The turn to hand the library. A mirrored buffer turned by 90 or 270 degrees would come
    /// out upside down; turned half a turn more it comes out upright, mirrored left-right (a
    /// face's analysis and the saved images are the same up to that mirror).
    var uprightRotation: Int {
        mirrored && rotationDegrees % 180 == 90 ? (rotationDegrees + 180) % 360 : rotationDegrees
    }

    /// `count` bytes at `base`, not copied and never freed by Data.
    private static func wrap(_ base: UnsafeRawPointer, count: Int) -> Data {
        guard count > 0 else { return Data() }
        let bytes = UnsafeMutableRawPointer(mutating: base)
        return Data(bytesNoCopy: bytes, count: count, deallocator: .none)
    }

    /// The `invalid_input` the bindings throw for a bad argument, naming `field`.
    private func invalid(_ field: String, _ detail: String) -> SmileIdError {
        SmileIdError.InvalidInput(code: "invalid_input", field: field, detail: "\(field) \(detail)")
    }

    private static func fourCC(_ code: UInt32) -> String {
        let bytes = [24, 16, 8, 0].map { UInt8((code >> UInt32($0)) & 0xFF) }
        let printable = bytes.allSatisfy { (0x20..<0x7F).contains($0) }
        return printable ? "'\(String(decoding: bytes, as: UTF8.self))'" : "pixel format \(code)"
    }
}
