package com.smileid.reactnative

import android.Manifest
import android.app.Activity
import android.app.ActivityManager
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.Color
import android.graphics.Matrix
import android.graphics.SurfaceTexture
import android.os.Build
import android.os.Bundle
import android.os.Handler
import android.os.HandlerThread
import android.os.Looper
import android.os.SystemClock
import android.view.Gravity
import android.view.TextureView
import android.view.ViewGroup.LayoutParams.MATCH_PARENT
import android.view.ViewGroup.LayoutParams.WRAP_CONTENT
import android.view.WindowManager
import android.widget.Button
import android.widget.FrameLayout
import android.widget.LinearLayout
import android.widget.ProgressBar
import android.widget.TextView
import android.window.OnBackInvokedCallback
import android.window.OnBackInvokedDispatcher
import com.smileid.ffi.CaptureOutcome
import com.smileid.ffi.CaptureScreen
import com.smileid.ffi.CaptureView
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicReference

/**
 * `captureSelfie`'s screen: the front camera's preview, and what the bindings' [CaptureScreen]
 * says to draw. Frames ([FrontCamera], on its own threads) and events (permission, close, back,
 * leaving the app, camera failures, a timer) go to the [CaptureScreen], which decides the prompt,
 * the progress and the one outcome; when its view carries an outcome, the screen reports it and
 * finishes. Nothing is decided here.
 */
class SelfieCaptureActivity : Activity() {
    /** The running capture: its screen state and where its outcome goes (once). */
    private class Request(val screen: CaptureScreen, private val done: (CaptureOutcome) -> Unit) {
        private val reported = AtomicBoolean(false)

        /** Reports [view]'s outcome if it has one; true when the capture has ended. */
        fun report(view: CaptureView): Boolean {
            val outcome = view.outcome ?: return false
            if (reported.compareAndSet(false, true)) {
                running.compareAndSet(this, null)
                done(outcome)
            }
            return true
        }
    }

    companion object {
        private const val PERMISSION_REQUEST = 0x5e1f

        /** How often the timer lets the screen time out when no frame arrives. */
        private const val TICK_MILLIS = 250L

        /** One capture at a time: a second call while one runs is refused. */
        private val running = AtomicReference<Request?>(null)

        /**
         * Makes the camera each opening of the screen streams from: [FrontCamera]. The one seam
         * for tests on the JVM, where no camera runs: they put a source of photo frames here.
         */
        internal var cameras = CameraFactory(::FrontCamera)

        /**
         * Shows the screen over [from]; [done] receives [screen]'s outcome exactly once. Without
         * an Activity, while the app is in the background (Android would not show the screen, and
         * the call would never end), or while another capture runs, it ends at once with
         * `camera_unavailable`.
         */
        fun start(from: Activity?, screen: CaptureScreen, done: (CaptureOutcome) -> Unit) {
            val request = Request(screen, done)
            val refusal = when {
                from == null -> "the app has no Activity in the foreground"
                !inForeground() -> "the app is in the background; call captureSelfie while visible"
                !running.compareAndSet(null, request) -> "another selfie capture is already open"
                else -> null
            }
            if (refusal != null) {
                request.report(screen.cameraUnavailable(refusal))
                return
            }
            try {
                from!!.startActivity(Intent(from, SelfieCaptureActivity::class.java))
            } catch (e: RuntimeException) {
                // E.g. the Activity missing from the app's merged manifest.
                request.report(screen.cameraUnavailable("the screen did not start: ${e.message}"))
            }
        }

        private fun inForeground(): Boolean {
            val state = ActivityManager.RunningAppProcessInfo()
            ActivityManager.getMyMemoryState(state)
            return state.importance <= ActivityManager.RunningAppProcessInfo.IMPORTANCE_FOREGROUND
        }
    }

    private var request: Request? = null
    private val main = Handler(Looper.getMainLooper())
    private var camera: CaptureCamera? = null

    /** The system's permission dialog is up: leaving for it is not the user leaving. */
    private var askingPermission = false
    private var backCallback: Any? = null

    private lateinit var preview: TextureView
    private lateinit var prompt: TextView
    private lateinit var progress: ProgressBar

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // Recreated after the process died, or opened from history: no call is waiting.
        val pending = running.get() ?: return finish()
        request = pending
        window.addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON)
        setContentView(layout(pending.screen))
        listenForBack()
        draw(pending.screen.view())
        if (checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            return
        }
        askingPermission = true
        draw(pending.screen.permissionRequested())
        requestPermissions(arrayOf(Manifest.permission.CAMERA), PERMISSION_REQUEST)
    }

    private fun layout(screen: CaptureScreen): FrameLayout {
        preview = TextureView(this)
        prompt = TextView(this).apply {
            setTextColor(Color.WHITE)
            textSize = 22f
            gravity = Gravity.CENTER
        }
        progress = ProgressBar(this, null, android.R.attr.progressBarStyleHorizontal)
        val close = Button(this).apply {
            text = screen.prompt("cancel")
            setOnClickListener { cancel() }
        }
        val panel = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            setBackgroundColor(Color.argb(160, 0, 0, 0))
            addView(prompt, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
            addView(progress, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
            val centred = LinearLayout.LayoutParams(WRAP_CONTENT, WRAP_CONTENT)
            centred.gravity = Gravity.CENTER_HORIZONTAL
            addView(close, centred)
            padBySystemBars(this)
        }
        return FrameLayout(this).apply {
            setBackgroundColor(Color.BLACK)
            addView(preview, FrameLayout.LayoutParams(MATCH_PARENT, MATCH_PARENT))
            addView(panel, FrameLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT, Gravity.BOTTOM))
        }
    }

    /** Edge to edge (enforced from Android 15), the panel keeps clear of the navigation bar. */
    @Suppress("DEPRECATION") // WindowInsets.getInsets(Type) needs API 30; the module supports 24.
    private fun padBySystemBars(panel: LinearLayout) {
        val base = 32
        panel.setPadding(base, base, base, base)
        panel.setOnApplyWindowInsetsListener { view, insets ->
            view.setPadding(
                base + insets.systemWindowInsetLeft,
                base,
                base + insets.systemWindowInsetRight,
                base + insets.systemWindowInsetBottom,
            )
            insets
        }
    }

    /** Back from Android 13's dispatcher (the only route with predictive back), else onBack. */
    private fun listenForBack() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) return
        val callback = OnBackInvokedCallback { cancel() }
        onBackInvokedDispatcher.registerOnBackInvokedCallback(
            OnBackInvokedDispatcher.PRIORITY_DEFAULT,
            callback,
        )
        backCallback = callback
    }

    override fun onStart() {
        super.onStart()
        val screen = request?.screen ?: return
        main.post(ticker)
        val granted = checkSelfPermission(Manifest.permission.CAMERA)
        if (!askingPermission && granted == PackageManager.PERMISSION_GRANTED) openCamera(screen)
    }

    /** Hidden (screen off, a call on top): stop streaming; onStart opens the camera again. */
    override fun onStop() {
        main.removeCallbacks(ticker)
        camera?.close()
        camera = null
        super.onStop()
    }

    override fun onRequestPermissionsResult(
        requestCode: Int,
        permissions: Array<out String>,
        grantResults: IntArray,
    ) {
        if (requestCode != PERMISSION_REQUEST) return
        askingPermission = false
        val screen = request?.screen ?: return
        // Empty results: the dialog was dismissed; a permission refused for good answers at
        // once, without a dialog. Both are a refusal.
        if (grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED) {
            openCamera(screen)
        } else {
            draw(screen.permissionDenied())
        }
    }

    private fun openCamera(screen: CaptureScreen) {
        if (camera != null || isFinishing) return
        val opened = cameras.create(this, screen) { view -> main.post { draw(view) } }
        camera = opened
        if (preview.isAvailable) return opened.open(preview)
        preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(surface: SurfaceTexture, w: Int, h: Int) {
                if (camera === opened) opened.open(preview)
            }
            override fun onSurfaceTextureSizeChanged(surface: SurfaceTexture, w: Int, h: Int) = Unit
            override fun onSurfaceTextureDestroyed(surface: SurfaceTexture) = true
            override fun onSurfaceTextureUpdated(surface: SurfaceTexture) = Unit
        }
    }

    /** Scales the preview to fill the screen without stretching it. */
    internal fun fitPreview(uprightWidth: Int, uprightHeight: Int) {
        val viewW = preview.width.toFloat()
        val viewH = preview.height.toFloat()
        if (viewW == 0f || viewH == 0f) return
        val scale = maxOf(viewW / uprightWidth, viewH / uprightHeight)
        val (sx, sy) = uprightWidth * scale / viewW to uprightHeight * scale / viewH
        preview.setTransform(Matrix().apply { setScale(sx, sy, viewW / 2, viewH / 2) })
    }

    private val ticker = object : Runnable {
        override fun run() {
            val screen = request?.screen ?: return
            draw(screen.tick(SystemClock.elapsedRealtime()))
            if (!isFinishing) main.postDelayed(this, TICK_MILLIS)
        }
    }

    /** Draws [view]; when it carries the outcome, reports it and closes the screen. */
    private fun draw(view: CaptureView) {
        prompt.text = view.prompt
        progress.max = maxOf(view.total, 1)
        progress.progress = view.captured
        if (request?.report(view) == true && !isFinishing) finish()
    }

    private fun cancel() {
        request?.let { draw(it.screen.cancel()) }
    }

    @Deprecated("called up to Android 13, and later without predictive back")
    override fun onBackPressed() = cancel()

    /** Home or another app: the user left (the permission dialog does not count). */
    override fun onUserLeaveHint() {
        if (!askingPermission) cancel()
    }

    override fun onDestroy() {
        main.removeCallbacksAndMessages(null)
        camera?.close()
        camera = null
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            (backCallback as? OnBackInvokedCallback)?.let {
                onBackInvokedDispatcher.unregisterOnBackInvokedCallback(it)
            }
        }
        // Finished by the system before an outcome: the user did not get to finish.
        request?.let { it.report(it.screen.cancel()) }
        super.onDestroy()
    }
}
