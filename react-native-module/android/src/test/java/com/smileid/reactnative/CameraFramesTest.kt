package com.smileid.reactnative

import com.smileid.ffi.CaptureSession
import com.smileid.ffi.Guidance
import com.smileid.ffi.SmileIdException
import com.smileid.ffi.TagStore
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test
import java.nio.file.Files

/**
 * Camera2-shaped YUV_420_888 images of real face photos (padded rows, planar and interleaved
 * chroma, every sensor rotation) → FrameConverter → the bindings' CaptureSession → a tag that
 * enrols (JT4) and authenticates (JT2) on the sandbox.
 */
class CameraFramesTest {
    companion object {
        @ClassRule @JvmField
        val sandbox = SandboxRule()

        val obama by lazy { PhotoFrames.obama() }
        val hopper by lazy { PhotoFrames.hopper() }
    }

    /** Feeds [frame] 400 ms apart until the session is done; fails after 40 frames. */
    private fun capture(
        session: CaptureSession,
        frame: PhotoFrames.Frame,
        rotation: Int,
    ): List<Guidance> {
        val converter = FrameConverter()
        val seen = mutableListOf<Guidance>()
        for (i in 0 until 40) {
            val f = converter.convert(frame.at(i * 400L), rotation)
            val g = session.processFrame(f.info, f.planes)
            seen.add(g)
            if (g is Guidance.Done) return seen
        }
        error("no capture after 40 frames: $seen")
    }

    @Test
    fun `every chroma layout and rotation captures a tag that enrols and authenticates`() {
        val host = TestHost()
        val store = TagStore(host.tagsRoot)
        for (chroma in PhotoFrames.Chroma.values()) {
            for (rotation in listOf(0, 90, 180, 270)) {
                val tag = "${chroma.name.lowercase()}-$rotation"
                val frame = PhotoFrames.yuv(obama, rotation, chroma)
                val seen = capture(CaptureSession(store, tag = tag), frame, rotation)
                assertEquals(Guidance.Done(tag = tag), seen.last())
                assertTrue("$tag: images were taken: $seen", seen.any { it is Guidance.Capturing })
                assertEquals(7, store.images(tag).liveness.size)
            }
        }
        // One tag per chroma layout goes through JT4 then JT2 with the module the app uses.
        val jobs = RnSmileIdModule(TestContext(), host)
        TestPromise().also { jobs.configure(sandbox.configure(), it) }.ok()
        fun resultCode(tag: String, jobType: Int, user: String): String {
            val params = json(
                "tag" to tag,
                "jobType" to jobType,
                "jobStatusPollingTimeoutMillis" to 30_000,
                "partnerParams" to json("userId" to user),
            )
            val r = TestPromise().also { jobs.submitJob(args(params), it) }.okObject()
            return r.getString("ResultCode")
        }
        for (tag in listOf("planar-90", "uv_interleaved-270", "vu_interleaved-0")) {
            assertEquals("0840", resultCode(tag, 4, "user-$tag"))
            assertEquals("0820", resultCode(tag, 2, "user-$tag"))
        }
        jobs.invalidate()
    }

    @Test
    fun `a second person's frames capture too, and the rotation matters`() {
        val store = TagStore(Files.createTempDirectory("rn-frames").toString())
        val sideways = PhotoFrames.yuv(hopper, 270, PhotoFrames.Chroma.VU_INTERLEAVED)
        val seen = capture(CaptureSession(store, tag = "hopper"), sideways, 270)
        assertTrue(seen.last() is Guidance.Done)
        // Read with its turn, the first frame shows a face; read without, a face lying on its side
        // is no face at all.
        val first = { rotation: Int ->
            val f = FrameConverter().convert(sideways.at(0), rotation)
            CaptureSession(store).processFrame(f.info, f.planes)
        }
        assertNotEquals(Guidance.NoFace, first(270))
        assertEquals(Guidance.NoFace, first(0))
    }

    @Test
    fun `conversion keeps strides and reuses its arrays`() {
        val frame = PhotoFrames.yuv(obama, 90, PhotoFrames.Chroma.VU_INTERLEAVED, padding = 32)
        val converter = FrameConverter()
        val first = converter.convert(frame.at(1_234), 90)
        assertEquals(1280, first.info.width)
        assertEquals(720, first.info.height)
        assertEquals(90, first.info.rotationDegrees)
        assertEquals(1_234L, first.info.timestampMs)
        val layouts = first.info.planes.map { it.rowStride to it.pixelStride }
        assertEquals(listOf(1312 to 1, 1312 to 2, 1312 to 2), layouts)
        // Each plane ends at its last sample, as Camera2's do.
        val chroma = 1312 * 359 + 1279
        assertEquals(listOf(1312 * 719 + 1280, chroma, chroma), first.planes.map { it.size })
        // The V view starts one byte before the U view in an NV21-like buffer.
        assertEquals(first.planes[2][1], first.planes[1][0])
        assertEquals(0, frame.planes[0].buffer.position())
        val second = converter.convert(frame.at(1_267), 90)
        assertSame(first.planes[0], second.planes[0])
    }

    @Test
    fun `images that are not YUV_420_888 are refused with the field named`() {
        val frame = PhotoFrames.yuv(obama, 0, PhotoFrames.Chroma.PLANAR)
        val jpeg = PhotoFrames.Frame(frame.width, frame.height, frame.planes, format = 0x100)
        assertEquals("frame.format", refusedField { FrameConverter().convert(jpeg, 0) })
        val twoPlanes = PhotoFrames.Frame(frame.width, frame.height, frame.planes.take(2))
        assertEquals("frame.planes", refusedField { FrameConverter().convert(twoPlanes, 0) })
    }

    /** The field an `invalid_input` thrown by [block] names. */
    private fun refusedField(block: () -> Unit): String? = try {
        block()
        null
    } catch (e: SmileIdException.InvalidInput) {
        e.errorField()
    }

    @Test
    fun `rotation from the sensor, the display and the facing`() {
        // Most phones: front sensor mounted at 270, back at 90; upright display.
        assertEquals(270, FrameConverter.rotationDegrees(270, 0, frontFacing = true))
        assertEquals(90, FrameConverter.rotationDegrees(90, 0, frontFacing = false))
        // Display turned 90 (landscape): the front camera's turn grows, the back camera's shrinks.
        assertEquals(0, FrameConverter.rotationDegrees(270, 90, frontFacing = true))
        assertEquals(0, FrameConverter.rotationDegrees(90, 90, frontFacing = false))
        assertEquals(180, FrameConverter.rotationDegrees(90, 270, frontFacing = false))
        assertEquals(90, FrameConverter.rotationDegrees(270, 180, frontFacing = true))
        val rotation = FrameConverter::rotationDegrees
        assertEquals("sensor_orientation", refusedField { rotation(45, 0, true) })
        assertEquals("display_rotation", refusedField { rotation(90, 360, true) })
    }

    @Test
    fun `analysis size prefers 720p, then the smallest larger size, then the largest`() {
        val phone = listOf(1920 to 1080, 1280 to 720, 640 to 480)
        assertEquals(1280 to 720, FrameConverter.analysisSize(phone))
        val tablet = listOf(4000 to 3000, 1440 to 1080, 640 to 480)
        assertEquals(1440 to 1080, FrameConverter.analysisSize(tablet))
        assertEquals(800 to 600, FrameConverter.analysisSize(listOf(640 to 480, 800 to 600)))
    }
}
