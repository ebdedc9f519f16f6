import Foundation
import SmileIdFfi

/// An RGB picture, 3 bytes per pixel, rows packed.
struct RGBImage {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, grey: UInt8) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: grey, count: width * height * 3)
    }

    /// Decodes a JPEG scaled by `eighths`/8 with libjpeg-turbo's `djpeg` (Foundation on Linux
    /// decodes no images), reading its binary PPM.
    init(jpeg: URL, eighths: Int) throws {
        let ppm = [UInt8](try runTool("djpeg", ["-scale", "\(eighths)/8", "-ppm", jpeg.path]))
        // Header: "P6", width, height, maxval, each followed by one whitespace byte.
        var fields: [Int] = []
        var index = 2
        while fields.count < 3 {
            while ppm[index] == 0x20 || ppm[index] == 0x0A { index += 1 }
            var value = 0
            while ppm[index] >= 0x30 && ppm[index] <= 0x39 {
                value = value * 10 + Int(ppm[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        width = fields[0]
        height = fields[1]
        pixels = Array(ppm[(index + 1)...])
        precondition(
            pixels.count == width * height * 3,
            "djpeg wrote \(pixels.count) bytes for \(width)x\(height)")
    }

    /// Copies `other` with its top-left corner at (x, y), clipped to this picture.
    mutating func draw(_ other: RGBImage, x: Int, y: Int) {
        for row in max(0, -y)..<min(other.height, height - y) {
            let from = max(0, -x)
            let to = min(other.width, width - x)
            guard from < to else { return }
            let source = (row * other.width + from) * 3
            let target = ((row + y) * width + from + x) * 3
            pixels.replaceSubrange(
                target..<target + (to - from) * 3,
                with: other.pixels[source..<source + (to - from) * 3])
        }
    }
}

/// Camera frames made from a test photo, as a phone's camera delivers them.
public enum TestFrames {
    public static let width = 1280
    public static let height = 720
    /// The phone is upright, the sensor landscape: the frame needs a 90° clockwise turn.
    public static let rotation: Int32 = 90

    /// The upright 720×1280 picture: obama_1.jpg's face centred and filling about a fifth of
    /// it (the face box 312,85,272,272 in the photo, from testdata/faces/SOURCES.md, scaled by
    /// 1.5 and centred); the rest grey.
    static let upright: RGBImage = {
        let photo = try! RGBImage(jpeg: TestEnv.face("obama_1.jpg"), eighths: 12)
        var upright = RGBImage(width: height, height: width, grey: 128)
        let faceCentreX = 312 + 136
        let faceCentreY = 85 + 136
        upright.draw(
            photo, x: upright.width / 2 - faceCentreX * 3 / 2,
            y: upright.height / 2 - faceCentreY * 3 / 2)
        return upright
    }()

    /// The stored (landscape) 1280×720 RGB frame that turns 90° clockwise into `upright`.
    static let portrait: RGBImage = stored(upright, rotation: 90, mirrored: false)

    /// The buffer a camera stores when `rotation` degrees clockwise make it `upright`; mirrored,
    /// it is that buffer flipped left-right (a mirrored front-camera connection).
    static func stored(_ upright: RGBImage, rotation: Int, mirrored: Bool) -> RGBImage {
        let turned = rotation % 180 != 0
        let (w, h) = turned ? (upright.height, upright.width) : (upright.width, upright.height)
        var out = RGBImage(width: w, height: h, grey: 0)
        upright.pixels.withUnsafeBufferPointer { from in
            out.pixels.withUnsafeMutableBufferPointer { to in
                for ys in 0..<h {
                    for xc in 0..<w {
                        let xs = mirrored ? w - 1 - xc : xc
                        let (xu, yu): (Int, Int)
                        switch rotation {
                        case 90: (xu, yu) = (h - 1 - ys, xs)
                        case 180: (xu, yu) = (w - 1 - xs, h - 1 - ys)
                        case 270: (xu, yu) = (ys, w - 1 - xs)
                        default: (xu, yu) = (xs, ys)
                        }
                        let source = (yu * upright.width + xu) * 3
                        let target = (ys * w + xc) * 3
                        to[target] = from[source]
                        to[target + 1] = from[source + 1]
                        to[target + 2] = from[source + 2]
                    }
                }
            }
        }
        return out
    }

    /// The portrait frame in NV21: Y plane, then interleaved V/U at half resolution.
    public static let nv21Portrait: Data = nv21(portrait)

    /// The portrait frame in 32BGRA, each row padded to `bgraRowStride` bytes as Core Video does.
    public static let bgraPortrait: Data = bgra(portrait)
    public static let bgraRowStride = width * 4 + 64

    /// BT.601 limited-range RGB → NV21.
    static func nv21(_ image: RGBImage) -> Data {
        let planes = yuv420(
            image, chromaFirst: .v, yRowStride: image.width, chromaRowStride: image.width)
        return Data(planes.joined())
    }

    enum Chroma { case u, v }

    /// BT.601 limited-range RGB → 4:2:0 with interleaved chroma (`chromaFirst` leading each
    /// pair): the Y plane and the chroma plane, rows padded to the strides given.
    static func yuv420(
        _ image: RGBImage,
        chromaFirst: Chroma,
        yRowStride: Int,
        chromaRowStride: Int
    ) -> [[UInt8]] {
        let w = image.width
        let h = image.height
        var y = [UInt8](repeating: 0, count: yRowStride * h)
        var chroma = [UInt8](repeating: 128, count: chromaRowStride * ((h + 1) / 2))
        let (first, second) = chromaFirst == .v ? (0, 1) : (1, 0)
        image.pixels.withUnsafeBufferPointer { rgb in
            func clamped(_ v: Int) -> UInt8 { UInt8(min(255, max(0, v))) }
            for row in 0..<h {
                for x in 0..<w {
                    let i = row * w + x
                    let r = Int(rgb[i * 3])
                    let g = Int(rgb[i * 3 + 1])
                    let b = Int(rgb[i * 3 + 2])
                    y[row * yRowStride + x] = clamped(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16)
                }
            }
            for row in stride(from: 0, to: h, by: 2) {
                for x in stride(from: 0, to: w, by: 2) {
                    let p = (row * w + x) * 3
                    let r = Int(rgb[p])
                    let g = Int(rgb[p + 1])
                    let b = Int(rgb[p + 2])
                    let o = row / 2 * chromaRowStride + x
                    // V
                    chroma[o + first] = clamped(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128)
                    // U
                    chroma[o + second] = clamped(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128)
                }
            }
        }
        return [y, chroma]
    }

    static func bgra(_ image: RGBImage) -> Data {
        Data(bgra(image, rowStride: bgraRowStride))
    }

    /// RGB → 32BGRA, rows padded to `rowStride` bytes.
    static func bgra(_ image: RGBImage, rowStride bgraRowStride: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: bgraRowStride * image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = (y * image.width + x) * 3
                let q = y * bgraRowStride + x * 4
                out[q] = image.pixels[p + 2]
                out[q + 1] = image.pixels[p + 1]
                out[q + 2] = image.pixels[p]
                out[q + 3] = 255
            }
        }
        return out
    }

    /// NV21 as two planes (Y, VU), as a camera's plane buffers give it.
    public static let twoPlanes = [
        PlaneLayout(rowStride: Int32(width), pixelStride: 1),
        PlaneLayout(rowStride: Int32(width), pixelStride: 2),
    ]
    /// NV21 as one plane (Y, then VU at the same row stride).
    public static let onePlane = [PlaneLayout(rowStride: Int32(width), pixelStride: 1)]

    /// The Y and VU planes of an NV21 frame (copies indexed from 0, as a camera's buffers are).
    public static func planes(_ nv21: Data) -> (y: Data, vu: Data) {
        let ySize = width * height
        return (
            Data(nv21[nv21.startIndex..<nv21.startIndex + ySize]),
            Data(nv21[(nv21.startIndex + ySize)...])
        )
    }

    public static func info(
        timestampMs: Int64, smile: Float? = 0.95, planes: [PlaneLayout] = twoPlanes
    ) -> FrameInfo {
        FrameInfo(
            format: .nv21,
            width: Int32(width),
            height: Int32(height),
            planes: planes,
            rotationDegrees: rotation,
            timestampMs: timestampMs,
            smileProbability: smile
        )
    }

    /// A 32BGRA frame's description, one plane with Core Video's padded rows.
    public static func bgraInfo(timestampMs: Int64) -> FrameInfo {
        FrameInfo(
            format: .bgra8888,
            width: Int32(width),
            height: Int32(height),
            planes: [PlaneLayout(rowStride: Int32(bgraRowStride), pixelStride: 4)],
            rotationDegrees: rotation,
            timestampMs: timestampMs,
            smileProbability: 0.95
        )
    }

    /// A camera buffer as Core Video lays it out: 32BGRA (one plane) or NV12 (Y, then
    /// interleaved Cb/Cr), every row padded by `padding` bytes.
    public struct CameraBuffer {
        public let width: Int
        public let height: Int
        public let planes: [Plane]

        public typealias Plane = (bytes: [UInt8], bytesPerRow: Int, rows: Int)

        public init(width: Int, height: Int, planes: [Plane]) {
            self.width = width
            self.height = height
            self.planes = planes
        }
    }

    public enum CameraFormat { case bgra, nv12 }

    /// The test face as a camera stores it when `rotation` degrees clockwise make it upright
    /// (flipped left-right when `mirrored`).
    public static func cameraBuffer(
        _ format: CameraFormat,
        rotation: Int,
        mirrored: Bool = false,
        padding: Int = 64
    ) -> CameraBuffer {
        let image = stored(upright, rotation: rotation, mirrored: mirrored)
        switch format {
        case .bgra:
            let stride = image.width * 4 + padding
            let plane = (bgra(image, rowStride: stride), stride, image.height)
            return CameraBuffer(width: image.width, height: image.height, planes: [plane])
        case .nv12:
            let stride = image.width + padding
            let planes = yuv420(image, chromaFirst: .u, yRowStride: stride, chromaRowStride: stride)
            return CameraBuffer(
                width: image.width,
                height: image.height,
                planes: [
                    (planes[0], stride, image.height), (planes[1], stride, (image.height + 1) / 2),
                ]
            )
        }
    }
}
