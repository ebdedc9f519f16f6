package com.smileid.reactnative

import com.smileid.ffi.Guidance
import com.smileid.ffi.SmileIdException
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/** Which event ends the capture screen, with which rejection code; the first one wins. */
class CaptureScreenTest {
    private fun CaptureOutcome?.code() = (this as CaptureOutcome.Failed).code

    @Test
    fun `a refused permission rejects, and nothing after it changes the outcome`() {
        val s = CaptureScreen(60_000)
        assertNull(s.permissionResult(true))
        assertEquals("camera_permission_denied", s.permissionResult(false).code())
        assertNull(s.cancelled())
        assertNull(s.timedOut())
        assertNull(s.guidance(Guidance.Done(tag = "late")))
        assertEquals("camera_permission_denied", s.outcome.code())
    }

    @Test
    fun `back, camera failure and timeout have their own codes`() {
        assertEquals("capture_cancelled", CaptureScreen(1_000).cancelled().code())
        val unavailable = CaptureScreen(1_000).cameraUnavailable("camera error 4")
        assertEquals("camera_unavailable", unavailable.code())
        val timeout = CaptureScreen(1_500).timedOut() as CaptureOutcome.Failed
        assertEquals("capture_timeout", timeout.code)
        assertEquals(true, timeout.message.contains("1500 ms"))
        assertEquals("camera_unavailable", CaptureScreen.unavailable("no Activity").code)
        val frame = SmileIdException.InvalidImage("invalid_image", "frame.planes[0]", "too short")
        assertEquals("invalid_image", CaptureScreen(1_000).frameFailed(frame).code())
    }

    @Test
    fun `guidance updates the text and progress until the tag is saved`() {
        val s = CaptureScreen(60_000)
        assertNull(s.guidance(Guidance.NoFace))
        assertEquals("Put your face in the frame", s.text)
        assertNull(s.guidance(Guidance.MoveCloser))
        assertEquals("Move closer", s.text)
        assertNull(s.guidance(Guidance.Capturing(captured = 3, total = 8)))
        assertEquals(3 to 8, s.captured to s.total)
        assertNull(s.guidance(Guidance.Smile))
        assertEquals(3 to 8, s.captured to s.total)
        val done = s.guidance(Guidance.Done(tag = "selfie-1"))
        assertEquals(CaptureOutcome.Captured("selfie-1"), done)
        assertEquals(8 to 8, s.captured to s.total)
        // Back pressed as the screen closes: the capture stands.
        assertNull(s.cancelled())
        assertEquals(CaptureOutcome.Captured("selfie-1"), s.outcome)
    }
}
