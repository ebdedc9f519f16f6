package com.smileid.reactnative

import java.awt.Color
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.File
import java.nio.ByteBuffer
import javax.imageio.ImageIO

/**
 * Camera images made from a face photo, laid out as Android's Camera2 ImageReader delivers
 * YUV_420_888: rows padded to a larger stride, each plane's last row unpadded (its buffer ends
 * at the last sample), chroma planar (pixel stride 1, as I420) or interleaved (pixel stride 2:
 * U and V planes are views one byte apart into one buffer, U first as NV12 or V first as NV21),
 * stored turned so that [rotation] degrees clockwise makes the picture upright.
 */
object PhotoFrames {
    enum class Chroma { PLANAR, UV_INTERLEAVED, VU_INTERLEAVED }

    /** obama_1.jpg and grace_hopper.jpg with their face boxes from testdata/faces/SOURCES.md. */
    fun obama() = upright(Env.face("obama_1.jpg"), intArrayOf(312, 85, 272, 272))

    fun hopper() = upright(Env.face("grace_hopper.jpg"), intArrayOf(146, 99, 235, 235))

    /** A 720×1280 upright picture: [photo]'s face ([box] = x,y,w,h) centred, a fifth of it. */
    fun upright(photo: File, box: IntArray): BufferedImage {
        val w = 720
        val h = 1280
        val source = ImageIO.read(photo)
        val picture = BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
        val g = picture.createGraphics()
        g.color = Color(128, 128, 128)
        g.fillRect(0, 0, w, h)
        val bilinear = RenderingHints.VALUE_INTERPOLATION_BILINEAR
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, bilinear)
        val scale = 408.0 / box[2] // a face 408 px wide, as in the bindings' Kotlin frame tests
        val x = (w / 2 - (box[0] + box[2] / 2) * scale).toInt()
        val y = (h / 2 - (box[1] + box[3] / 2) * scale).toInt()
        val (scaledW, scaledH) = (source.width * scale).toInt() to (source.height * scale).toInt()
        g.drawImage(source, x, y, scaledW, scaledH, null)
        g.dispose()
        return picture
    }

    class Plane(
        override val buffer: ByteBuffer,
        override val rowStride: Int,
        override val pixelStride: Int,
    ) : PlaneSource

    class Frame(
        override val width: Int,
        override val height: Int,
        override val planes: List<PlaneSource>,
        override val timestampNanos: Long = 0,
        override val format: Int = FrameConverter.YUV_420_888,
    ) : FrameSource {
        fun at(timestampMs: Long) = Frame(width, height, planes, timestampMs * 1_000_000, format)
    }

    /** [picture] stored turned back by [rotation], as YUV_420_888 with [padding] bytes per row. */
    fun yuv(picture: BufferedImage, rotation: Int, chroma: Chroma, padding: Int = 64): Frame {
        val sideways = rotation % 180 == 90
        val w = if (sideways) picture.height else picture.width
        val h = if (sideways) picture.width else picture.height
        // The upright pixel that stored pixel (x, y) shows once turned clockwise by `rotation`.
        val rgb = { x: Int, y: Int ->
            when (rotation) {
                0 -> picture.getRGB(x, y)
                90 -> picture.getRGB(h - 1 - y, x)
                180 -> picture.getRGB(w - 1 - x, h - 1 - y)
                270 -> picture.getRGB(y, w - 1 - x)
                else -> error("rotation $rotation")
            }
        }
        val yStride = w + padding
        val yPlane = ByteArray(yStride * (h - 1) + w)
        for (y in 0 until h) for (x in 0 until w) yPlane[y * yStride + x] = luma(rgb(x, y))
        val cw = w / 2
        val ch = h / 2
        val u = ByteArray(cw * ch)
        val v = ByteArray(cw * ch)
        for (y in 0 until ch) {
            for (x in 0 until cw) {
                val p = rgb(2 * x, 2 * y)
                u[y * cw + x] = cb(p)
                v[y * cw + x] = cr(p)
            }
        }
        val planes = when (chroma) {
            Chroma.PLANAR -> {
                val stride = cw + padding / 2
                listOf(u, v).map { Plane(ByteBuffer.wrap(planar(it, cw, ch, stride)), stride, 1) }
            }
            else -> {
                val stride = w + padding
                val (first, second) = if (chroma == Chroma.UV_INTERLEAVED) u to v else v to u
                val both = ByteArray(stride * (ch - 1) + 2 * cw)
                for (y in 0 until ch) {
                    for (x in 0 until cw) {
                        both[y * stride + 2 * x] = first[y * cw + x]
                        both[y * stride + 2 * x + 1] = second[y * cw + x]
                    }
                }
                // Each plane's buffer starts at its first sample and ends at its last.
                val firstView = ByteBuffer.wrap(both, 0, both.size - 1).slice()
                val secondView = ByteBuffer.wrap(both, 1, both.size - 1).slice()
                val uFirst = chroma == Chroma.UV_INTERLEAVED
                val uView = if (uFirst) firstView else secondView
                val vView = if (uFirst) secondView else firstView
                listOf(Plane(uView, stride, 2), Plane(vView, stride, 2))
            }
        }
        return Frame(w, h, listOf(Plane(ByteBuffer.wrap(yPlane), yStride, 1)) + planes)
    }

    private fun planar(samples: ByteArray, cw: Int, ch: Int, stride: Int): ByteArray {
        val out = ByteArray(stride * (ch - 1) + cw)
        for (y in 0 until ch) System.arraycopy(samples, y * cw, out, y * stride, cw)
        return out
    }

    // BT.601 limited range, as camera YUV is.
    private fun bt601(p: Int, kr: Int, kg: Int, kb: Int, offset: Int): Byte {
        val (r, g, b) = Triple((p shr 16) and 0xff, (p shr 8) and 0xff, p and 0xff)
        return (((kr * r + kg * g + kb * b + 128) shr 8) + offset).coerceIn(0, 255).toByte()
    }

    private fun luma(p: Int) = bt601(p, 66, 129, 25, 16)
    private fun cb(p: Int) = bt601(p, -38, -74, 112, 128)
    private fun cr(p: Int) = bt601(p, 112, -94, -18, 128)
}
