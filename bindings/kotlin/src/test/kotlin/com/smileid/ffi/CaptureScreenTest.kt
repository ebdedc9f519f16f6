package com.smileid.ffi

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** A camera screen's decisions from Kotlin, fed as SelfieCaptureActivity feeds them. */
class CaptureScreenTest {
    private val nv21: ByteArray = TestFrames.nv21Portrait()
    private val grey = ByteArray(nv21.size) { 128.toByte() }

    private fun CaptureScreen.feed(bytes: ByteArray, nowMs: Long): CaptureView {
        val (y, vu) = TestFrames.directPlanes(bytes)
        return processBuffers(TestFrames.info(nowMs), y, vu, TestFrames.EMPTY, nowMs)
    }

    private fun CaptureView.code() = (outcome as CaptureOutcome.Failed).code

    @Test
    fun `frames draw prompts and progress until the tag, and a late cancel changes nothing`() {
        val store = tempStore()
        val options = CaptureOptions(livenessFrames = 3)
        val screen = CaptureScreen(store, tag = "screen", options = options)
        assertEquals("starting_camera", screen.view().promptKey)
        assertEquals("Put your face in the frame", screen.feed(grey, 0).prompt)
        var view = screen.view()
        var t = 400L
        while (view.outcome == null && t < 40_000) {
            view = screen.feed(nv21, t)
            t += 400
        }
        assertEquals(CaptureOutcome.Captured(tag = "screen"), view.outcome)
        assertEquals(Triple("done", 4, 1f), Triple(view.promptKey, view.captured, view.progress))
        assertEquals(CaptureOutcome.Captured(tag = "screen"), screen.cancel().outcome)
        assertTrue(store.exists("screen"))
    }

    @Test
    fun `the timeout runs from the first frame, and the first outcome wins`() {
        val store = tempStore()
        val prompts = mapOf("camera_permission" to "Caméra ?")
        val options = CaptureScreenOptions(timeoutMs = 2_000, prompts = prompts)
        val screen = CaptureScreen(store, tag = "late", screen = options)
        assertEquals("Caméra ?", screen.permissionRequested().prompt)
        // No frame yet: the time the permission prompt takes is not counted.
        assertNull(screen.tick(1_000_000).outcome)
        assertNull(screen.feed(grey, 1_000_100).outcome)
        assertNull(screen.tick(1_002_099).outcome)
        assertEquals("capture_timeout", screen.tick(1_002_100).code())
        assertEquals("capture_timeout", screen.cancel().code())
        assertEquals("capture_timeout", screen.feed(nv21, 1_002_200).code())
        assertFalse(store.exists("late"))
    }

    @Test
    fun `camera events have their codes, and bad options are refused before any screen`() {
        val store = tempStore()
        assertEquals("capture_cancelled", CaptureScreen(store).cancel().code())
        assertEquals("camera_permission_denied", CaptureScreen(store).permissionDenied().code())
        val busy = CaptureScreen(store).cameraUnavailable("another app holds the camera")
        assertEquals("camera_unavailable", busy.code())
        val message = (busy.outcome as CaptureOutcome.Failed).message
        assertTrue(message.endsWith("another app holds the camera"), message)
        // A frame whose planes do not fit its description ends the screen with the core's code.
        val tiny = listOf(ByteArray(10), ByteArray(10))
        val short = CaptureScreen(store).processFrame(TestFrames.info(0), tiny, 0)
        assertEquals("invalid_image", short.code())

        val typo = assertThrows(SmileIdException.InvalidInput::class.java) {
            CaptureScreen(store, screen = CaptureScreenOptions(prompts = mapOf("no_fce" to "x")))
        }
        assertEquals("options.prompts.no_fce", typo.field)
        val zero = assertThrows(SmileIdException.InvalidInput::class.java) {
            CaptureScreen(store, screen = CaptureScreenOptions(timeoutMs = 0))
        }
        assertEquals("options.timeout_ms", zero.field)
        val keys = capturePrompts().keys
        assertEquals(keys, keys.filter { it.matches(Regex("[a-z_]+")) }.toSet())
        assertTrue(keys.containsAll(listOf("cancel", "no_face", "smile", "capturing")), "$keys")
        assertEquals("Smile!", capturePrompts()["smile"])
        assertTrue(store.list().isEmpty(), "nothing was saved")
    }
}
