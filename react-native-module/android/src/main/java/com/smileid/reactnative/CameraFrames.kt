package com.smileid.reactnative

import com.smileid.ffi.FrameInfo
import com.smileid.ffi.PixelFormat
import com.smileid.ffi.PlaneLayout
import com.smileid.ffi.SmileIdException
import java.nio.ByteBuffer

/** One plane of a camera image, as `android.media.Image.Plane` describes it. */
interface PlaneSource {
    /** The plane's bytes from its position to its limit (the last row may be short). */
    val buffer: ByteBuffer
    val rowStride: Int
    val pixelStride: Int
}

/**
 * A camera image, as `android.media.Image` describes it. The capture screen adapts its Camera2
 * images to this; tests build them from photos. Nothing here needs Android, so the conversion
 * runs on the plain JVM.
 */
interface FrameSource {
    /** An `android.graphics.ImageFormat` constant. */
    val format: Int
    val width: Int
    val height: Int
    val timestampNanos: Long
    val planes: List<PlaneSource>
}

/**
 * Camera images → the bindings' frames (`FrameInfo` and one byte array per plane, for
 * `CaptureSession.processFrame`). Strides and the short last row of a plane pass through as
 * they are: the core reads them. Keeps the byte arrays of the last frame and refills them when
 * the next has the same plane sizes (a camera's always do), so a frame costs one copy and no
 * allocation. One converter per analysis thread.
 */
class FrameConverter {
    private var arrays: List<ByteArray> = emptyList()

    class Frame(val info: FrameInfo, val planes: List<ByteArray>)

    fun convert(source: FrameSource, rotationDegrees: Int): Frame {
        if (source.format != YUV_420_888) {
            val format = source.format.toString(16)
            throw invalid("frame.format", "must be YUV_420_888 (0x23), not 0x$format")
        }
        val planes = source.planes
        if (planes.size != 3) {
            val detail = "must be 3 for YUV_420_888 (Y, U, V), not ${planes.size}"
            throw invalid("frame.planes", detail)
        }
        val sizes = planes.map { it.buffer.remaining() }
        if (arrays.map { it.size } != sizes) arrays = sizes.map(::ByteArray)
        planes.forEachIndexed { i, p -> p.buffer.duplicate().get(arrays[i]) }
        val info = FrameInfo(
            format = PixelFormat.YUV420888,
            width = source.width,
            height = source.height,
            planes = planes.map { PlaneLayout(it.rowStride, it.pixelStride) },
            rotationDegrees = rotationDegrees,
            timestampMs = source.timestampNanos / 1_000_000,
        )
        return Frame(info, arrays)
    }

    companion object {
        /** `android.graphics.ImageFormat.YUV_420_888`: what the capture screen's camera gives. */
        const val YUV_420_888 = 0x23

        /**
         * The clockwise turn that makes a camera image upright on screen: the sensor's mounting
         * (`CameraCharacteristics.SENSOR_ORIENTATION`) with the display's rotation from natural
         * (`Surface.ROTATION_*` in degrees), which adds for a front camera and subtracts for a
         * back one.
         */
        fun rotationDegrees(
            sensorOrientation: Int,
            displayRotation: Int,
            frontFacing: Boolean,
        ): Int {
            quarterTurn("sensor_orientation", sensorOrientation)
            quarterTurn("display_rotation", displayRotation)
            val display = if (frontFacing) displayRotation else -displayRotation
            return (sensorOrientation + display + 360) % 360
        }

        /** The `invalid_input` the bindings throw for a bad argument, naming [field]. */
        private fun invalid(field: String, detail: String) = SmileIdException.InvalidInput(
            code = "invalid_input",
            field = field,
            detail = "$field $detail",
        )

        private fun quarterTurn(field: String, degrees: Int) {
            if (degrees % 90 != 0 || degrees !in 0..270) {
                throw invalid(field, "must be 0, 90, 180 or 270, not $degrees")
            }
        }

        /**
         * The analysis size among a camera's YUV output sizes: [target] when offered, else the
         * smallest at least as large in both sides, else the largest. Faces are found at 720p;
         * larger frames only cost time.
         */
        fun analysisSize(
            sizes: List<Pair<Int, Int>>,
            target: Pair<Int, Int> = 1280 to 720,
        ): Pair<Int, Int> {
            require(sizes.isNotEmpty()) { "the camera offers no YUV_420_888 size" }
            val area = { s: Pair<Int, Int> -> s.first.toLong() * s.second }
            val covering = sizes.filter { it.first >= target.first && it.second >= target.second }
            return sizes.firstOrNull { it == target }
                ?: covering.minByOrNull(area)
                ?: sizes.maxBy(area)
        }
    }
}
