package com.smileid.reactnative

import android.graphics.ImageFormat
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.media.Image
import android.media.ImageReader
import android.os.Handler
import android.os.HandlerThread
import android.os.SystemClock
import android.view.Surface
import android.view.TextureView
import com.smileid.ffi.CaptureScreen
import com.smileid.ffi.CaptureView
import java.nio.ByteBuffer
import java.util.concurrent.atomic.AtomicBoolean

/**
 * What [SelfieCaptureActivity] streams frames from: each frame goes to its [CaptureScreen], and
 * each view the screen answers to the Activity (from any thread).
 */
internal interface CaptureCamera {
    /** Starts streaming, the preview into [preview] (whose surface is available). Main thread. */
    fun open(preview: TextureView)

    /** Stops streaming and frees what the camera holds. Main thread. */
    fun close()
}

/** Makes the camera of one opening of the screen; [onView] takes the screen's answers. */
internal fun interface CameraFactory {
    fun create(
        activity: SelfieCaptureActivity,
        screen: CaptureScreen,
        onView: (CaptureView) -> Unit,
    ): CaptureCamera
}

/**
 * The front camera through Camera2 for [SelfieCaptureActivity]: the preview into its
 * TextureView, and YUV_420_888 frames into the [CaptureScreen] on an analysis thread (a frame
 * that arrives while one is analysed is dropped, so the preview never waits). Every view the
 * screen answers goes to [onView]. Camera calls and [close] run on one camera thread, so a
 * camera that opens after the screen closed is closed at once; the image reader is closed on
 * the analysis thread, after the frame it may be reading.
 */
internal class FrontCamera(
    private val activity: SelfieCaptureActivity,
    private val screen: CaptureScreen,
    private val onView: (CaptureView) -> Unit,
) : CaptureCamera {
    private val cameraThread = HandlerThread("smileid-camera").apply { start() }
    private val analysisThread = HandlerThread("smileid-analysis").apply { start() }
    private val cameraHandler = Handler(cameraThread.looper)
    private val analysisHandler = Handler(analysisThread.looper)
    private val analysing = AtomicBoolean(false)
    private val converter = FrameConverter()

    // Camera thread only.
    private var closed = false
    private var device: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    private var previewSurface: Surface? = null
    private var rotation = 0
    private var autofocus = false

    /** Opens the camera into [preview] (whose surface is available). Main thread. */
    override fun open(preview: TextureView) {
        val texture = preview.surfaceTexture
            ?: return unavailable("the preview has no surface")
        val display = displayRotationDegrees()
        cameraHandler.post { openOnCameraThread(texture, display) }
    }

    /** Stops streaming and frees the camera, its session, surfaces and threads. Main thread. */
    override fun close() {
        cameraHandler.post {
            closed = true
            quietly { session?.close() }
            quietly { device?.close() }
            session = null
            device = null
            val surface = previewSurface
            val images = reader
            analysisHandler.post {
                quietly { images?.close() }
                surface?.release()
            }
            analysisThread.quitSafely()
            cameraThread.quitSafely()
        }
    }

    @Suppress("DEPRECATION") // Activity.display needs API 30; the module supports 24.
    private fun displayRotationDegrees() = when (activity.windowManager.defaultDisplay.rotation) {
        Surface.ROTATION_90 -> 90
        Surface.ROTATION_180 -> 180
        Surface.ROTATION_270 -> 270
        else -> 0
    }

    private fun openOnCameraThread(texture: SurfaceTexture, displayRotation: Int) {
        if (closed) return
        val manager = activity.getSystemService(CameraManager::class.java)
            ?: return unavailable("the system has no camera service")
        try {
            val front = CameraCharacteristics.LENS_FACING_FRONT
            val id = manager.cameraIdList.firstOrNull {
                manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == front
            } ?: return unavailable("this device has no front camera")
            val traits = manager.getCameraCharacteristics(id)
            val sizes = traits.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP)
                ?.getOutputSizes(ImageFormat.YUV_420_888).orEmpty().map { it.width to it.height }
            if (sizes.isEmpty()) return unavailable("the front camera has no YUV output")
            val (width, height) = FrameConverter.analysisSize(sizes)
            rotation = FrameConverter.rotationDegrees(
                traits.get(CameraCharacteristics.SENSOR_ORIENTATION) ?: 0,
                displayRotation,
                frontFacing = true,
            )
            // Front cameras are often fixed-focus: ask for autofocus only where it exists.
            val continuous = CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE
            autofocus = traits.get(CameraCharacteristics.CONTROL_AF_AVAILABLE_MODES)
                ?.contains(continuous) == true
            texture.setDefaultBufferSize(width, height)
            val sideways = rotation % 180 == 90
            val (uprightW, uprightH) = if (sideways) height to width else width to height
            activity.runOnUiThread { activity.fitPreview(uprightW, uprightH) }
            previewSurface = Surface(texture)
            reader = ImageReader.newInstance(width, height, ImageFormat.YUV_420_888, 3).apply {
                setOnImageAvailableListener({ onImage(it) }, cameraHandler)
            }
            manager.openCamera(id, deviceCallback, cameraHandler)
        } catch (e: SecurityException) {
            onView(screen.permissionDenied())
        } catch (e: Exception) {
            // CameraAccessException, IllegalArgumentException (a camera that went away), …
            unavailable(e.message ?: e.javaClass.simpleName)
        }
    }

    private val deviceCallback = object : CameraDevice.StateCallback() {
        override fun onOpened(camera: CameraDevice) {
            // The screen closed while the camera opened: give it back at once.
            if (closed) return camera.close()
            device = camera
            startStreams(camera)
        }

        override fun onDisconnected(camera: CameraDevice) {
            quietly { camera.close() }
            device = null
            if (!closed) unavailable("the camera was disconnected (another app took it)")
        }

        override fun onError(camera: CameraDevice, error: Int) {
            quietly { camera.close() }
            device = null
            if (!closed) unavailable("camera error $error")
        }
    }

    @Suppress("DEPRECATION") // The list form of createCaptureSession is the one API 24 has.
    private fun startStreams(camera: CameraDevice) {
        val targets = listOfNotNull(previewSurface, reader?.surface)
        val callback = object : CameraCaptureSession.StateCallback() {
            override fun onConfigured(configured: CameraCaptureSession) {
                if (closed) return configured.close()
                session = configured
                try {
                    val request = camera.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW)
                    targets.forEach(request::addTarget)
                    if (autofocus) {
                        val mode = CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE
                        request.set(CaptureRequest.CONTROL_AF_MODE, mode)
                    }
                    configured.setRepeatingRequest(request.build(), null, cameraHandler)
                } catch (e: Exception) {
                    unavailable(e.message ?: "the preview could not start")
                }
            }

            override fun onConfigureFailed(failed: CameraCaptureSession) {
                quietly { failed.close() }
                if (!closed) unavailable("the camera refused the preview and analysis streams")
            }
        }
        try {
            camera.createCaptureSession(targets, callback, cameraHandler)
        } catch (e: Exception) {
            unavailable(e.message ?: "the camera streams could not be set up")
        }
    }

    /** Camera thread: takes the newest image; analyses it unless one is in analysis. */
    private fun onImage(images: ImageReader) {
        val image = try {
            images.acquireLatestImage()
        } catch (e: IllegalStateException) {
            null // closed, or all images held
        } ?: return
        if (closed || !analysing.compareAndSet(false, true)) return image.close()
        analysisHandler.post {
            try {
                val frame = converter.convert(ImageFrame(image), rotation)
                val now = SystemClock.elapsedRealtime()
                onView(screen.processFrame(frame.info, frame.planes, now))
            } catch (e: Exception) {
                onView(screen.cameraUnavailable("a camera image could not be read: ${e.message}"))
            } finally {
                image.close()
                analysing.set(false)
            }
        }
    }

    private fun unavailable(detail: String) = onView(screen.cameraUnavailable(detail))

    /** Closing a camera that already failed may throw; it is gone either way. */
    private inline fun quietly(close: () -> Unit) {
        try {
            close()
        } catch (_: Exception) {
        }
    }

    /** An ImageReader image as the conversion reads it. */
    private class ImageFrame(private val image: Image) : FrameSource {
        override val format get() = image.format
        override val width get() = image.width
        override val height get() = image.height
        override val timestampNanos get() = image.timestamp
        override val planes: List<PlaneSource> = image.planes.map { p ->
            object : PlaneSource {
                override val buffer: ByteBuffer = p.buffer
                override val rowStride = p.rowStride
                override val pixelStride = p.pixelStride
            }
        }
    }
}
