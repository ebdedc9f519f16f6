package com.smileid.reactnative

import com.smileid.ffi.Guidance
import com.smileid.ffi.SmileIdException

/** How the capture screen ended, as `captureSelfie`'s promise sees it. */
sealed interface CaptureOutcome {
    /** The capture session saved [tag]. */
    data class Captured(val tag: String) : CaptureOutcome

    /** A rejection with one of api.md's camera codes, or the core's code for a failed frame. */
    data class Failed(val code: String, val message: String) : CaptureOutcome
}

/**
 * The capture screen's decisions, without Android: which event ends it and with what outcome
 * (the first one wins; later events change nothing), and the guidance text and progress to
 * show. The Activity forwards its callbacks here and finishes when a call returns an outcome.
 */
class CaptureScreen(private val timeoutMillis: Long) {
    var outcome: CaptureOutcome? = null
        private set

    /** The instruction to show for the last frame. */
    var text: String = "Starting the camera…"
        private set

    /** Images captured so far, out of [total] (0 until the capture starts taking them). */
    var captured = 0
        private set
    var total = 0
        private set

    private fun end(o: CaptureOutcome): CaptureOutcome? {
        if (outcome != null) return null
        outcome = o
        return o
    }

    private fun fail(code: String, message: String) = end(CaptureOutcome.Failed(code, message))

    fun permissionResult(granted: Boolean): CaptureOutcome? = if (granted) {
        null
    } else {
        val detail = "the camera permission was refused; allow it in the app's settings"
        fail("camera_permission_denied", detail)
    }

    /** No front camera, the camera failed or was taken by another app. */
    fun cameraUnavailable(detail: String) = end(unavailable(detail))

    /** The user closed the screen (back, the close button, or the system finished it). */
    fun cancelled() = fail("capture_cancelled", "the user closed the capture screen")

    /** [timeoutMillis] passed since the camera started without a finished capture. */
    fun timedOut() = fail(
        "capture_timeout",
        "no capture succeeded within $timeoutMillis ms; try again with more light, face centred",
    )

    /** A frame the capture session refused (e.g. an image format the core does not read). */
    fun frameFailed(error: Throwable): CaptureOutcome? = when (error) {
        is SmileIdException -> fail(error.errorCode(), error.errorDetail())
        else -> fail("internal", error.message ?: error.javaClass.name)
    }

    /** The capture session's answer to a frame. */
    fun guidance(g: Guidance): CaptureOutcome? {
        if (outcome != null) return null
        text = when (g) {
            Guidance.NoFace -> "Put your face in the frame"
            Guidance.MultipleFaces -> "Only one face, please"
            Guidance.MoveCloser -> "Move closer"
            Guidance.MoveBack -> "Move back a little"
            Guidance.CenterFace -> "Centre your face"
            Guidance.LookStraight -> "Look straight at the camera"
            Guidance.TooDark -> "Find more light"
            Guidance.HoldStill -> "Hold still"
            Guidance.Smile -> "Smile!"
            is Guidance.Capturing -> "Hold still…"
            is Guidance.Done -> "Done"
        }
        when (g) {
            is Guidance.Capturing -> { captured = g.captured; total = g.total }
            is Guidance.Done -> { captured = total; return end(CaptureOutcome.Captured(g.tag)) }
            else -> {}
        }
        return null
    }

    companion object {
        /** `camera_unavailable`; also when there is no Activity to show the screen over. */
        fun unavailable(detail: String) =
            CaptureOutcome.Failed("camera_unavailable", "the front camera cannot be used: $detail")
    }
}
