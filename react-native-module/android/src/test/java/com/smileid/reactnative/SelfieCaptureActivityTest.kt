package com.smileid.reactnative

import android.Manifest
import android.app.Activity
import android.content.pm.PackageManager
import android.graphics.SurfaceTexture
import android.os.Handler
import android.os.HandlerThread
import android.os.Looper
import android.os.SystemClock
import android.view.TextureView
import android.view.View
import android.view.ViewGroup
import android.view.WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON
import com.smileid.ffi.CaptureScreen
import com.smileid.ffi.CaptureView
import org.json.JSONObject
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.awt.image.BufferedImage
import java.time.Duration
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import javax.imageio.ImageIO

/**
 * The capture screen as it runs on Android 16 (Robolectric): `captureSelfie` through the module
 * over Robolectric's application → [SelfieCaptureActivity] → its outcome as the promise's
 * envelope. Where no camera can run, a [PhotoCamera] delivers Camera2-shaped frames of real
 * photos on its analysis thread; the main looper and its clock are the test's.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [36])
class SelfieCaptureActivityTest {
    companion object {
        @ClassRule @JvmField
        val sandbox = SandboxRule()
    }

    /** A camera of photos: the test delivers each frame, analysed on its own thread. */
    private class PhotoCamera(
        private val screen: CaptureScreen,
        private val onView: (CaptureView) -> Unit,
    ) : CaptureCamera {
        private val analysis = HandlerThread("photo-analysis").apply { start() }
        private val converter = FrameConverter()
        var opened = false
        var closed = false

        override fun open(preview: TextureView) {
            opened = true
        }

        override fun close() {
            closed = true
            analysis.quitSafely()
        }

        /** [frame] taken now (the screen's clock), analysed; the screen's answer. */
        fun deliver(frame: PhotoFrames.Frame, rotation: Int): CaptureView {
            val now = SystemClock.elapsedRealtime()
            val answer = CompletableFuture<CaptureView>()
            Handler(analysis.looper).post {
                try {
                    val f = converter.convert(frame.at(now), rotation)
                    answer.complete(screen.processFrame(f.info, f.planes, now).also(onView))
                } catch (e: Throwable) {
                    answer.completeExceptionally(e)
                }
            }
            return answer.get(60, TimeUnit.SECONDS)
        }
    }

    private val app get() = RuntimeEnvironment.getApplication()
    private val main get() = shadowOf(Looper.getMainLooper())
    private val host = TestHost()
    private var module: RnSmileIdModule? = null
    private var camera: PhotoCamera? = null
    private var screen: ActivityController<SelfieCaptureActivity>? = null

    private fun photoCamera() {
        SelfieCaptureActivity.cameras = CameraFactory { _, screen, onView ->
            PhotoCamera(screen, onView).also { camera = it }
        }
    }

    /** The screen destroyed (which ends a capture still open), the real camera back. */
    @After
    fun restore() {
        screen?.let { if (!it.get().isDestroyed) it.pause().stop().destroy() }
        main.idle()
        SelfieCaptureActivity.cameras = CameraFactory(::FrontCamera)
        module?.invalidate()
    }

    /** The app's Activity calls `captureSelfie(options)`; the screen it starts, created. */
    private fun captureSelfie(
        options: JSONObject,
        cameraAllowed: Boolean = true,
    ): Pair<TestPromise, SelfieCaptureActivity> {
        val permissions = shadowOf(app)
        if (cameraAllowed) {
            permissions.grantPermissions(Manifest.permission.CAMERA)
        } else {
            permissions.denyPermissions(Manifest.permission.CAMERA)
        }
        val appActivity = Robolectric.buildActivity(Activity::class.java).setup().get()
        val m = RnSmileIdModule(TestContext(app, appActivity), host).also { module = it }
        TestPromise().also { m.configure(sandbox.configure(), it) }.ok()
        val promise = TestPromise().also { m.captureSelfie(options.toString(), it) }
        val intent = shadowOf(appActivity).nextStartedActivity
            ?: throw AssertionError("no screen started: ${promise.value()}")
        val controller = Robolectric.buildActivity(SelfieCaptureActivity::class.java, intent)
        screen = controller
        return promise to controller.setup().get()
    }

    /** The preview's surface arrives, as Android reports it once the window is drawn. */
    private fun surfaceArrives(activity: SelfieCaptureActivity) {
        fun find(view: View): TextureView? = view as? TextureView
            ?: (view as? ViewGroup)?.let { g ->
                (0 until g.childCount).firstNotNullOfOrNull { find(g.getChildAt(it)) }
            }
        val preview = find(activity.window.decorView) ?: throw AssertionError("no preview")
        val texture = SurfaceTexture(0)
        preview.setSurfaceTexture(texture)
        preview.surfaceTextureListener!!.onSurfaceTextureAvailable(texture, 720, 1280)
    }

    private fun code(promise: TestPromise) = promise.error().getString("code")

    @Test
    fun `camera permission denied ends the call with camera_permission_denied`() {
        photoCamera()
        val (promise, activity) = captureSelfie(json("tag" to "denied"), cameraAllowed = false)
        val asked = shadowOf(activity).lastRequestedPermission
        assertEquals(listOf(Manifest.permission.CAMERA), asked.requestedPermissions.toList())
        assertFalse(promise.settled)
        val denied = intArrayOf(PackageManager.PERMISSION_DENIED)
        activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, denied)
        assertEquals("camera_permission_denied", code(promise))
        assertTrue(activity.isFinishing)
        assertNull("no camera opens without the permission", camera)
    }

    @Test
    fun `the permission dialog, a hidden screen and a second call do not end the capture`() {
        photoCamera()
        val (promise, activity) = captureSelfie(json("tag" to "life"), cameraAllowed = false)
        // The system's permission dialog takes the foreground: that is not the user leaving.
        screen!!.userLeaving()
        assertFalse(promise.settled)
        val flags = activity.window.attributes.flags
        assertTrue("the screen stays on", flags and FLAG_KEEP_SCREEN_ON != 0)
        // A second captureSelfie while this screen is open is refused at once.
        val second = TestPromise().also { module!!.captureSelfie("{}", it) }
        assertEquals("camera_unavailable", code(second))
        assertFalse(promise.settled)
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val asked = shadowOf(activity).lastRequestedPermission
        val granted = intArrayOf(PackageManager.PERMISSION_GRANTED)
        activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, granted)
        surfaceArrives(activity)
        val first = camera!!
        assertTrue(first.opened)
        // Hidden (the screen turned off): the camera stops streaming, the capture goes on.
        screen!!.pause().stop()
        assertTrue(first.closed)
        assertFalse(promise.settled)
        // Home pressed now: the user left.
        screen!!.userLeaving()
        assertEquals("capture_cancelled", code(promise))
    }

    @Test
    @Suppress("DEPRECATION")
    fun `back pressed ends the call with capture_cancelled and closes the camera`() {
        photoCamera()
        val (promise, activity) = captureSelfie(json("tag" to "back"))
        surfaceArrives(activity)
        assertTrue(camera!!.opened)
        assertFalse(promise.settled)
        activity.onBackPressed()
        assertEquals("capture_cancelled", code(promise))
        assertTrue(activity.isFinishing)
        screen!!.pause().stop().destroy()
        assertTrue(camera!!.closed)
    }

    @Test
    fun `a device without a front camera ends the call with camera_unavailable`() {
        // The real FrontCamera, over Robolectric's CameraManager, which has no camera.
        val (promise, activity) = captureSelfie(json("tag" to "no-camera"))
        surfaceArrives(activity)
        // The camera thread answers (idled until it has run what open posted); its view is
        // drawn on the main looper.
        ShadowLooper.getAllLoopers().filter { it != Looper.getMainLooper() }.forEach {
            if (it.thread.isAlive) shadowOf(it).idle()
        }
        main.idle()
        val error = promise.error()
        assertEquals("camera_unavailable", error.getString("code"))
        assertTrue(error.toString(), error.getString("message").contains("no front camera"))
        assertTrue(activity.isFinishing)
    }

    @Test
    fun `frames without a face until the timeout end the call with capture_timeout`() {
        photoCamera()
        val (promise, activity) = captureSelfie(json("tag" to "coffee", "timeoutMillis" to 2_000))
        surfaceArrives(activity)
        // The photo (600×400) filling a 1280×720 frame, the least the screen analyses.
        val coffee = BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB)
        coffee.createGraphics().apply {
            drawImage(ImageIO.read(Env.face("no_face_coffee.jpg")), 0, 0, 1280, 720, null)
            dispose()
        }
        val frame = PhotoFrames.yuv(coffee, 0, PhotoFrames.Chroma.PLANAR)
        // The first frame starts the timeout; the screen's timer ends it without more frames.
        assertNull(camera!!.deliver(frame, 0).outcome)
        main.idle()
        main.idleFor(Duration.ofMillis(1_750))
        assertFalse("ended before its timeout", promise.settled)
        main.idleFor(Duration.ofMillis(500))
        assertEquals("capture_timeout", code(promise))
        assertTrue(activity.isFinishing)
    }

    @Test
    fun `frames of a face capture a tag that enrols through the module`() {
        photoCamera()
        val (promise, activity) = captureSelfie(json("tag" to "robo-obama"))
        surfaceArrives(activity)
        val frame = PhotoFrames.yuv(PhotoFrames.obama(), 270, PhotoFrames.Chroma.VU_INTERLEAVED)
        // A frame every 400 ms of the screen's clock until the screen reports its outcome.
        for (i in 0 until 40) {
            camera!!.deliver(frame, 270)
            main.idle()
            if (promise.settled) break
            main.idleFor(Duration.ofMillis(400))
        }
        val captured = promise.okObject()
        assertEquals("robo-obama", captured.getString("tag"))
        assertEquals(7, captured.getJSONArray("livenessPaths").length())
        assertTrue(activity.isFinishing)
        val enrol = json(
            "tag" to "robo-obama",
            "jobType" to 4,
            "jobStatusPollingTimeoutMillis" to 30_000,
            "partnerParams" to json("user_id" to "user-" + UUID.randomUUID()),
        )
        val jt4 = TestPromise().also { module!!.submitJob(args(enrol), it) }.okObject()
        assertEquals("0840", jt4.getString("ResultCode"))
    }
}
