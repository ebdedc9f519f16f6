package com.smileid.reactnative

import android.Manifest
import android.app.Activity
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.Color
import android.graphics.ImageFormat
import android.graphics.Matrix
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraAccessException
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.media.Image
import android.media.ImageReader
import android.os.Bundle
import android.os.Handler
import android.os.HandlerThread
import android.os.Looper
import android.view.Gravity
import android.view.Surface
import android.view.TextureView
import android.view.ViewGroup.LayoutParams.MATCH_PARENT
import android.view.ViewGroup.LayoutParams.WRAP_CONTENT
import android.widget.Button
import android.widget.FrameLayout
import android.widget.LinearLayout
import android.widget.ProgressBar
import android.widget.TextView
import com.smileid.ffi.CaptureSession
import java.nio.ByteBuffer
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean

/**
 * `captureSelfie`'s screen: the front camera through Camera2, a full-screen preview
 * (TextureView) and a YUV_420_888 ImageReader whose frames feed the bindings' CaptureSession on
 * a background thread, with its guidance text and progress. A frame that arrives while the
 * previous one is analysed is dropped, so the preview never waits. Every decision (which event
 * ends the screen, with which outcome) is [CaptureScreen]'s.
 */
class SelfieCaptureActivity : Activity() {
    /** A pending `captureSelfie` call: the session to feed and where its outcome goes. */
    class Request(
        val session: CaptureSession,
        val timeoutMillis: Long,
        val done: (CaptureOutcome) -> Unit,
    )

    companion object {
        private const val EXTRA_REQUEST = "com.smileid.reactnative.capture.request"
        private const val PERMISSION_REQUEST = 0x5e1f
        private val requests = ConcurrentHashMap<String, Request>()

        /** Shows the screen over [from]; the outcome reaches [request]'s `done` exactly once. */
        fun start(from: Activity, request: Request) {
            val id = UUID.randomUUID().toString()
            requests[id] = request
            val intent = Intent(from, SelfieCaptureActivity::class.java)
            try {
                from.startActivity(intent.putExtra(EXTRA_REQUEST, id))
            } catch (e: RuntimeException) {
                // E.g. the Activity missing from the app's merged manifest.
                requests.remove(id)
                throw e
            }
        }
    }

    private lateinit var request: Request
    private lateinit var requestId: String
    private lateinit var screen: CaptureScreen
    private val main = Handler(Looper.getMainLooper())
    private val cameraThread = HandlerThread("smileid-camera")
    private val analysisThread = HandlerThread("smileid-analysis")
    private lateinit var cameraHandler: Handler
    private lateinit var analysisHandler: Handler
    private val analysing = AtomicBoolean(false)
    private val converter = FrameConverter()

    private lateinit var preview: TextureView
    private lateinit var guidance: TextView
    private lateinit var progress: ProgressBar

    private var camera: CameraDevice? = null
    private var reader: ImageReader? = null
    private var rotation = 0
    private var timerStarted = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val id = intent.getStringExtra(EXTRA_REQUEST)
        val pending = id?.let { requests[it] }
        // Recreated after the process died: the promise that asked is gone.
        if (id == null || pending == null) return finish()
        requestId = id
        request = pending
        screen = CaptureScreen(pending.timeoutMillis)
        setContentView(layout())
        cameraThread.start()
        analysisThread.start()
        cameraHandler = Handler(cameraThread.looper)
        analysisHandler = Handler(analysisThread.looper)
        if (checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            openWhenPreviewReady()
        } else {
            requestPermissions(arrayOf(Manifest.permission.CAMERA), PERMISSION_REQUEST)
        }
    }

    private fun layout(): FrameLayout {
        preview = TextureView(this)
        guidance = TextView(this).apply {
            setTextColor(Color.WHITE)
            textSize = 22f
            gravity = Gravity.CENTER
            text = screen.text
        }
        progress = ProgressBar(this, null, android.R.attr.progressBarStyleHorizontal)
        val close = Button(this).apply {
            text = "Cancel"
            setOnClickListener { settle(screen.cancelled()) }
        }
        val panel = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            setBackgroundColor(Color.argb(160, 0, 0, 0))
            setPadding(32, 32, 32, 32)
            addView(guidance, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
            addView(progress, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
            val centred = LinearLayout.LayoutParams(WRAP_CONTENT, WRAP_CONTENT)
            centred.gravity = Gravity.CENTER_HORIZONTAL
            addView(close, centred)
        }
        return FrameLayout(this).apply {
            setBackgroundColor(Color.BLACK)
            addView(preview, FrameLayout.LayoutParams(MATCH_PARENT, MATCH_PARENT))
            addView(panel, FrameLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT, Gravity.BOTTOM))
        }
    }

    override fun onRequestPermissionsResult(
        requestCode: Int,
        permissions: Array<out String>,
        grantResults: IntArray,
    ) {
        if (requestCode != PERMISSION_REQUEST) return
        val granted = grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED
        if (granted) openWhenPreviewReady() else settle(screen.permissionResult(false))
    }

    private fun openWhenPreviewReady() {
        if (preview.isAvailable) return openCamera()
        preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(surface: SurfaceTexture, w: Int, h: Int) =
                openCamera()
            override fun onSurfaceTextureSizeChanged(surface: SurfaceTexture, w: Int, h: Int) = Unit
            override fun onSurfaceTextureDestroyed(surface: SurfaceTexture) = true
            override fun onSurfaceTextureUpdated(surface: SurfaceTexture) = Unit
        }
    }

    private fun openCamera() {
        val manager = getSystemService(Context.CAMERA_SERVICE) as CameraManager
        try {
            val front = CameraCharacteristics.LENS_FACING_FRONT
            val id = manager.cameraIdList.firstOrNull {
                manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == front
            } ?: return settle(screen.cameraUnavailable("this device has no front camera"))
            val characteristics = manager.getCameraCharacteristics(id)
            val sizes = characteristics.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP)
                ?.getOutputSizes(ImageFormat.YUV_420_888).orEmpty().map { it.width to it.height }
            if (sizes.isEmpty()) {
                return settle(screen.cameraUnavailable("the front camera has no YUV output"))
            }
            val (width, height) = FrameConverter.analysisSize(sizes)
            rotation = FrameConverter.rotationDegrees(
                characteristics.get(CameraCharacteristics.SENSOR_ORIENTATION) ?: 0,
                displayRotationDegrees(),
                frontFacing = true,
            )
            fitPreview(width, height)
            reader = ImageReader.newInstance(width, height, ImageFormat.YUV_420_888, 3).apply {
                setOnImageAvailableListener({ onImage(it) }, cameraHandler)
            }
            manager.openCamera(id, cameraCallback, cameraHandler)
        } catch (e: CameraAccessException) {
            settle(screen.cameraUnavailable(e.message ?: "camera access failed"))
        } catch (e: SecurityException) {
            settle(screen.permissionResult(false))
        }
    }

    @Suppress("DEPRECATION") // Activity.display needs API 30; the module supports 24.
    private fun displayRotationDegrees() = when (windowManager.defaultDisplay.rotation) {
        Surface.ROTATION_90 -> 90
        Surface.ROTATION_180 -> 180
        Surface.ROTATION_270 -> 270
        else -> 0
    }

    /** Scales the preview to fill the screen without stretching it. */
    private fun fitPreview(bufferWidth: Int, bufferHeight: Int) {
        preview.surfaceTexture?.setDefaultBufferSize(bufferWidth, bufferHeight)
        val viewW = preview.width.toFloat()
        val viewH = preview.height.toFloat()
        if (viewW == 0f || viewH == 0f) return
        val sideways = rotation % 180 == 90
        val (uprightW, uprightH) =
            if (sideways) bufferHeight to bufferWidth else bufferWidth to bufferHeight
        val scale = maxOf(viewW / uprightW, viewH / uprightH)
        preview.setTransform(Matrix().apply {
            setScale(uprightW * scale / viewW, uprightH * scale / viewH, viewW / 2, viewH / 2)
        })
    }

    private val cameraCallback = object : CameraDevice.StateCallback() {
        override fun onOpened(device: CameraDevice) {
            camera = device
            startPreview(device)
        }

        override fun onDisconnected(device: CameraDevice) {
            device.close()
            unavailable("the camera was disconnected (another app took it)")
        }

        override fun onError(device: CameraDevice, error: Int) {
            device.close()
            unavailable("camera error $error")
        }
    }

    @Suppress("DEPRECATION") // The list form of createCaptureSession is the one API 24 has.
    private fun startPreview(device: CameraDevice) {
        val imageSurface = reader?.surface ?: return
        val previewSurface = Surface(preview.surfaceTexture ?: return)
        val callback = object : CameraCaptureSession.StateCallback() {
            override fun onConfigured(session: CameraCaptureSession) {
                val repeating = device.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
                    addTarget(previewSurface)
                    addTarget(imageSurface)
                    val autofocus = CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE
                    set(CaptureRequest.CONTROL_AF_MODE, autofocus)
                }.build()
                try {
                    session.setRepeatingRequest(repeating, null, cameraHandler)
                } catch (e: CameraAccessException) {
                    unavailable(e.message ?: "the preview could not start")
                    return
                }
                main.post(::startTimer)
            }

            override fun onConfigureFailed(session: CameraCaptureSession) {
                unavailable("the camera refused the preview and analysis streams")
            }
        }
        device.createCaptureSession(listOf(previewSurface, imageSurface), callback, cameraHandler)
    }

    /** From a camera thread callback: the camera cannot be used. */
    private fun unavailable(detail: String) {
        main.post { settle(screen.cameraUnavailable(detail)) }
    }

    /** The timeout counts from the first preview frame, not from the permission prompt. */
    private fun startTimer() {
        if (timerStarted) return
        timerStarted = true
        main.postDelayed({ settle(screen.timedOut()) }, request.timeoutMillis)
    }

    /** On the camera thread: takes the newest image; analyses it unless one is in analysis. */
    private fun onImage(reader: ImageReader) {
        val image = reader.acquireLatestImage() ?: return
        if (!analysing.compareAndSet(false, true)) return image.close()
        analysisHandler.post {
            try {
                val frame = converter.convert(ImageFrame(image), rotation)
                val g = request.session.processFrame(frame.info, frame.planes)
                main.post { show(); settle(screen.guidance(g)) }
            } catch (e: Exception) {
                main.post { settle(screen.frameFailed(e)) }
            } finally {
                image.close()
                analysing.set(false)
            }
        }
    }

    private fun show() {
        guidance.text = screen.text
        progress.max = maxOf(screen.total, 1)
        progress.progress = screen.captured
    }

    /** Hands the outcome to the promise once and closes the screen. */
    private fun settle(outcome: CaptureOutcome?) {
        outcome ?: return
        show()
        requests.remove(requestId)?.let { pending ->
            if (outcome !is CaptureOutcome.Captured) runCatching { pending.session.cancel() }
            pending.done(outcome)
        }
        finish()
    }

    private val started get() = ::screen.isInitialized

    @Deprecated("still called on every API level this module supports")
    override fun onBackPressed() {
        if (started) settle(screen.cancelled())
    }

    /** Home or another app: the user left the screen (the permission dialog does not count). */
    override fun onUserLeaveHint() {
        if (started) settle(screen.cancelled())
    }

    override fun onDestroy() {
        if (started) {
            settle(screen.cancelled()) // no-op once settled
            main.removeCallbacksAndMessages(null)
            camera?.close()
            cameraThread.quitSafely()
            // A frame in analysis reads the reader's memory: let it finish before closing it.
            analysisThread.quitSafely()
            analysisThread.join(1_000)
            reader?.close()
        }
        super.onDestroy()
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
