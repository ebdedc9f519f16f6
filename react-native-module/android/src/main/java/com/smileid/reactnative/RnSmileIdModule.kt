package com.smileid.reactnative

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import com.smileid.ffi.CaptureSession
import com.smileid.ffi.JobTask
import com.smileid.ffi.ProgressEvent
import com.smileid.ffi.ProgressListener
import com.smileid.ffi.ResumeTask
import com.smileid.ffi.SmileIdClient
import com.smileid.ffi.TagStore
import com.smileid.ffi.captureFromFiles
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import java.io.File
import java.io.IOException
import java.util.concurrent.atomic.AtomicReference

/**
 * The `RnSmileId` TurboModule: converts with [Conversions], calls the Rust bindings, resolves
 * promises and emits events. No logic of its own.
 */
class RnSmileIdModule internal constructor(
    context: ReactApplicationContext,
    private val host: Host,
) : NativeRnSmileIdSpec(context) {
    constructor(context: ReactApplicationContext) : this(context, AndroidHost(context))

    /** What the module needs from the app: storage, the bundled config, maps, events. */
    interface Host : Conversions.MapFactory {
        /** Folder of the tag store (app-private, not backed up). */
        val tagsRoot: String

        /** The bundled smile_config.json, if the app has one. */
        fun bundledConfig(): String?

        /** Sends an event to JS; null: through the TurboModule's own emitter. */
        val events: ((name: String, body: WritableMap) -> Unit)?
    }

    private class AndroidHost(private val context: ReactApplicationContext) : Host {
        override val tagsRoot: String get() = File(context.noBackupFilesDir, "smileid").path
        override fun bundledConfig(): String? = try {
            context.assets.open("smile_config.json").bufferedReader().use { it.readText() }
        } catch (_: IOException) {
            null
        }
        override fun map(): WritableMap = Arguments.createMap()
        override fun array(): WritableArray = Arguments.createArray()
        override val events: ((String, WritableMap) -> Unit)? = null
    }

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val jobs = RunningJobs()
    private val signatures = SignatureBridge { requestId, partnerId ->
        emit("onSignatureRequest", host.map().apply {
            putString("requestId", requestId)
            putString("partnerId", partnerId)
        })
    }
    private val store: TagStore by lazy { TagStore(host.tagsRoot) }

    @Volatile
    private var client: SmileIdClient? = null

    private fun client(): SmileIdClient = client ?: synchronized(this) {
        client ?: SmileIdClient(Conversions.clientConfig(null, host.bundledConfig(), null), store).also { client = it }
    }

    private fun emit(name: String, body: WritableMap) {
        val sink = host.events
        when {
            sink != null -> sink(name, body)
            name == "onProgress" -> emitOnProgress(body)
            else -> emitOnSignatureRequest(body)
        }
    }

    /** Runs [work] off the JS thread; its value resolves [promise], its exception rejects it. */
    private fun respond(promise: Promise, work: suspend () -> Any?) {
        scope.launch {
            val value = try {
                work()
            } catch (t: Throwable) {
                reject(promise, t)
                return@launch
            }
            promise.resolve(value)
        }
    }

    private fun reject(promise: Promise, t: Throwable) {
        val r = Conversions.rejection(t)
        promise.reject(r.code, r.message, Conversions.error(t, host))
    }

    override fun configure(config: ReadableMap, promise: Promise) = respond(promise) {
        val next = SmileIdClient(Conversions.clientConfig(config, host.bundledConfig(), signatures), store)
        synchronized(this) { client.also { client = next } }?.close()
        null
    }

    override fun submitJob(params: ReadableMap, promise: Promise) = respond(promise) {
        val request = Conversions.submitJobParams(params)
        val listener = Listener()
        val task = client().startJob(request, listener)
        listener.task = task
        jobs.add(request.partnerParams.jobId, task, task::cancel)
        try {
            Conversions.submitJobResult(task.awaitResult(), host)
        } finally {
            jobs.remove(task)
        }
    }

    /** Forwards progress to JS and makes a job with a generated id cancellable from its first event. */
    private inner class Listener : ProgressListener {
        @Volatile
        var task: JobTask? = null

        override fun onProgress(jobId: String, event: ProgressEvent) {
            task?.let { if (!it.isFinished()) jobs.add(jobId, it, it::cancel) }
            emit("onProgress", Conversions.progress(jobId, event, host))
        }
    }

    override fun cancelJob(jobId: String, promise: Promise) = respond(promise) { jobs.cancel(jobId) }

    override fun enqueueJob(params: ReadableMap, promise: Promise) = respond(promise) {
        client().enqueueJob(Conversions.submitJobParams(params))
    }

    override fun pendingJobs(promise: Promise) = respond(promise) {
        Conversions.pendingJobs(client().pendingJobs(), host)
    }

    override fun jobStatus(job: ReadableMap, promise: Promise) = respond(promise) {
        val ref = Conversions.jobRef(job)
        val task = client().startJobStatus(ref)
        jobs.add(ref.jobId, task, task::cancel)
        try {
            Conversions.jobStatus(task.awaitResult(), host)
        } finally {
            jobs.remove(task)
        }
    }

    /** The running `resumePendingJobs`, for `cancelResume`. */
    private val resuming = AtomicReference<ResumeTask?>()

    override fun resumePendingJobs(promise: Promise) = respond(promise) {
        val listener = object : ProgressListener {
            override fun onProgress(jobId: String, event: ProgressEvent) = emit("onProgress", Conversions.progress(jobId, event, host))
        }
        val task = client().startResumePendingJobs(listener)
        resuming.set(task)
        try {
            Conversions.resumedJobs(task.awaitResult(), host)
        } finally {
            resuming.compareAndSet(task, null)
        }
    }

    override fun cancelResume(promise: Promise) = respond(promise) {
        val task = resuming.getAndSet(null) ?: return@respond false
        task.cancel()
        true
    }

    /**
     * Shows [SelfieCaptureActivity] over the app's current Activity. The session is made here,
     * so a bad tag is refused before any screen appears.
     */
    override fun captureSelfie(options: ReadableMap, promise: Promise) {
        try {
            val request = Conversions.captureSelfieOptions(options)
            val from = reactApplicationContext.currentActivity ?: return settleCapture(
                CaptureScreen.unavailable("the app has no Activity in the foreground"),
                promise,
            )
            val session = CaptureSession(store, tag = request.tag)
            val screen = SelfieCaptureActivity.Request(session, request.timeoutMillis) {
                settleCapture(it, promise)
            }
            SelfieCaptureActivity.start(from, screen)
        } catch (t: Throwable) {
            reject(promise, t)
        }
    }

    private fun settleCapture(outcome: CaptureOutcome, promise: Promise) = when (outcome) {
        is CaptureOutcome.Captured -> respond(promise) {
            Conversions.capturedTag(outcome.tag, store.images(outcome.tag), host)
        }
        is CaptureOutcome.Failed -> promise.reject(outcome.code, outcome.message, host.map().apply {
            putString("code", outcome.code)
            putString("message", outcome.message)
        })
    }

    override fun captureSelfieFromFiles(options: ReadableMap, promise: Promise) = respond(promise) {
        val files = Conversions.captureFiles(options)
        val tag = captureFromFiles(
            store,
            tag = files.tag,
            selfie = read(files.selfie, "selfie"),
            liveness = files.liveness.mapIndexed { i, path -> read(path, "liveness[$i]") },
        )
        Conversions.capturedTag(tag, store.images(tag), host)
    }

    private fun read(path: String, field: String): ByteArray = try {
        File(path).readBytes()
    } catch (_: IOException) {
        throw Conversions.invalid(field, "names no readable file")
    }

    override fun getCurrentTags(promise: Promise) = respond(promise) {
        Conversions.strings(store.list().map { it.tag }, host)
    }

    override fun getImagesForTag(tag: String, promise: Promise) = respond(promise) {
        Conversions.tagImages(store.images(tag), host)
    }

    override fun deleteTag(tag: String, promise: Promise) = respond(promise) {
        store.delete(tag)
        null
    }

    override fun resolveSignature(requestId: String, signature: String, timestamp: String) =
        signatures.resolve(requestId, signature, timestamp)

    override fun rejectSignature(requestId: String, message: String) = signatures.reject(requestId, message)

    override fun invalidate() {
        jobs.cancelAll()
        resuming.getAndSet(null)?.cancel()
        scope.cancel()
        synchronized(this) { client.also { client = null } }?.close()
        super.invalidate()
    }
}
