package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.ByteBuffer

/** Camera frames from Kotlin: 1280×720 NV21, as an Android phone held upright delivers them. */
class CaptureSessionTest : SandboxTest() {
    private val nv21: ByteArray = TestFrames.nv21Portrait()

    /** Feeds frames 400 ms apart until the capture is done; returns the guidance seen. */
    private fun captureAll(session: CaptureSession, feed: (Long) -> Guidance): List<Guidance> {
        val seen = mutableListOf<Guidance>()
        for (i in 0 until 40) {
            val g = feed(i * 400L)
            seen.add(g)
            if (g is Guidance.Done) return seen
        }
        error("capture did not finish: $seen, progress ${session.progress()}")
    }

    @Test
    fun `zero-copy frames make a tag that enrols`() = runBlocking {
        val store = tempStore()
        val session = CaptureSession(store, tag = "camera")
        assertEquals("camera", session.tag())
        val (y, vu) = TestFrames.directPlanes(nv21)
        val seen =
            captureAll(session) { ts ->
                session.processBuffers(TestFrames.info(ts), y, vu, TestFrames.EMPTY)
            }
        assertEquals(Guidance.Done(tag = "camera"), seen.last())
        val counts = seen.filterIsInstance<Guidance.Capturing>().map { it.captured }
        assertEquals(counts.sorted(), counts, "the count only grows: $seen")
        assertEquals(8, seen.filterIsInstance<Guidance.Capturing>().first().total)
        assertEquals(CaptureProgress(captured = 8, total = 8, done = true), session.progress())
        // A frame after Done just repeats it.
        assertEquals(
            Guidance.Done(tag = "camera"),
            session.processBuffers(TestFrames.info(100_000), y, vu, TestFrames.EMPTY),
        )

        val images = store.images("camera")
        assertEquals(7, images.liveness.size)
        assertEquals("camera", store.list().single().source)
        SmileIdClient(sandbox.config(), store).use { client ->
            val result = client.submitJob(
                SubmitJobParams(
                    tag = "camera",
                    jobType = 4,
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
            )
            assertEquals("0840", result.status.result!!.resultCode)
        }
    }

    @Test
    fun `ByteArray frames reach the same result`() {
        val store = tempStore()
        CaptureSession(store).use { session ->
            val seen =
                captureAll(session) { ts ->
                    session.processFrame(
                        TestFrames.info(ts, planes = TestFrames.ONE_PLANE),
                        listOf(nv21),
                    )
                }
            val done = seen.last() as Guidance.Done
            assertEquals(session.tag(), done.tag)
            assertTrue(store.exists(done.tag))
        }
    }

    @Test
    fun `guidance for an empty scene, and frames that do not fit their size`() {
        val store = tempStore()
        val session =
            CaptureSession(store, tag = "empty", options = CaptureOptions(livenessFrames = 3))
        val grey = ByteArray(nv21.size) { 128.toByte() }
        val (y, vu) = TestFrames.directPlanes(grey)
        assertEquals(
            Guidance.NoFace,
            session.processBuffers(TestFrames.info(0), y, vu, TestFrames.EMPTY),
        )
        val dark = ByteArray(nv21.size) {
            if (it <
                TestFrames.WIDTH * TestFrames.HEIGHT
            ) {
                5
            } else {
                128.toByte()
            }
        }
        val (dy, dvu) = TestFrames.directPlanes(dark)
        assertEquals(
            Guidance.TooDark,
            session.processBuffers(TestFrames.info(10), dy, dvu, TestFrames.EMPTY),
        )

        val short = ByteBuffer.allocateDirect(100)
        val e = assertThrows(SmileIdException.InvalidImage::class.java) {
            session.processBuffers(TestFrames.info(20), short, vu, TestFrames.EMPTY)
        }
        assertEquals("frame.planes[0]", e.field)
        assertThrows(SmileIdException.InvalidInput::class.java) {
            session.processBuffers(TestFrames.info(-1), y, vu, TestFrames.EMPTY)
        }
        // Two plane layouts, one plane of bytes.
        val missing =
            assertThrows(SmileIdException.InvalidInput::class.java) {
                session.processFrame(TestFrames.info(25), listOf(grey))
            }
        assertEquals("frame.planes", missing.field)
        // Zero-copy needs direct buffers; a heap buffer is refused before reaching Rust.
        assertThrows(IllegalArgumentException::class.java) {
            session.processBuffers(TestFrames.info(30), ByteBuffer.wrap(nv21), vu, TestFrames.EMPTY)
        }
        assertEquals(0, session.progress().captured)
        session.cancel()
        assertThrows(SmileIdException.Cancelled::class.java) {
            session.processBuffers(TestFrames.info(40), y, vu, TestFrames.EMPTY)
        }
        assertFalse(store.exists("empty"), "a cancelled capture saves nothing")
    }

    @Test
    fun `a cancelled capture leaves the existing tag alone`() {
        val store = tempStore()
        captureFromFiles(store, tag = "kept", selfie = Env.face("obama_2.jpg").readBytes())
        val before = store.images("kept")
        val session = CaptureSession(store, tag = "kept")
        val (y, vu) = TestFrames.directPlanes(nv21)
        for (i in 0 until 3) {
            session.processBuffers(
                TestFrames.info(i * 400L),
                y,
                vu,
                TestFrames.EMPTY,
            )
        }
        assertTrue(session.progress().captured > 0)
        session.cancel()
        assertEquals(before, store.images("kept"))
    }
}
