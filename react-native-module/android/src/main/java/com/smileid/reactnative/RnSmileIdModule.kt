package com.smileid.reactnative

import android.net.Uri
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.modules.network.OkHttpClientProvider
import com.smileid.ffi.HttpTransport
import com.smileid.ffi.OkHttpTransport
import com.smileid.ffi.RnBridge
import com.smileid.ffi.RnPlatform
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import java.io.File
import java.io.IOException

/**
 * The `RnSmileId` TurboModule: passes each call's JSON to the Rust [RnBridge] off the JS thread
 * and resolves the promise with the JSON envelope it answers. Field names, defaults, validation,
 * results, errors and cancel live in Rust; this class only forwards strings.
 */
class RnSmileIdModule internal constructor(context: ReactApplicationContext, host: Host) :
    NativeRnSmileIdSpec(context) {
    constructor(context: ReactApplicationContext) : this(context, AndroidHost(context))

    /** What the module needs from the app: storage, the bundled config, events, content URIs. */
    interface Host {
        /** Folder of the tag store (app-private, not backed up). */
        val tagsRoot: String

        /** The bundled smile_config.json, if the app has one. */
        fun bundledConfig(): String?

        /** Sends an event to JS; null: through the TurboModule's own emitter. */
        val events: ((name: String, body: String) -> Unit)?

        /** The bytes of a `content://` URI (a picker's photo); null when it cannot be read. */
        fun readUri(uri: String): ByteArray?
    }

    private class AndroidHost(private val context: ReactApplicationContext) : Host {
        override val tagsRoot: String get() = File(context.noBackupFilesDir, "smileid").path

        override fun bundledConfig(): String? = try {
            context.assets.open("smile_config.json").bufferedReader().use { it.readText() }
        } catch (_: IOException) {
            null
        }

        override val events: ((String, String) -> Unit)? = null

        override fun readUri(uri: String): ByteArray? = try {
            context.contentResolver.openInputStream(Uri.parse(uri))?.use { it.readBytes() }
        } catch (_: Exception) {
            // Not found, not permitted, not a content URI: the bridge names the field.
            null
        }
    }

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private val bridge = RnBridge(host.tagsRoot, host.bundledConfig(), Platform(host))

    private inner class Platform(private val host: Host) : RnPlatform {
        override fun readUri(uri: String): ByteArray? = host.readUri(uri)

        /**
         * Every request on React Native's shared OkHttp client, as the app's `fetch` goes: its
         * network security config, proxy and the interceptors of an `OkHttpClientFactory` the
         * app installed apply, and its connections are reused. Asked at each `configure`, so a
         * factory set in the app's `onCreate` is in place; pins build a client of their own
         * over the shared one (OkHttpTransport).
         */
        override fun httpTransport(certificatePins: Map<String, List<String>>): HttpTransport =
            OkHttpTransport(OkHttpClientProvider.getOkHttpClient(), certificatePins)

        override fun emit(name: String, body: String) {
            val sink = host.events
            when {
                sink != null -> sink(name, body)
                name == "onProgress" -> emitOnProgress(body)
                else -> emitOnSignatureRequest(body)
            }
        }
    }

    /** Resolves [promise] with [call]'s envelope; only a failure of the bridge itself rejects. */
    private fun respond(promise: Promise, call: suspend () -> String) {
        scope.launch {
            val envelope =
                try {
                    call()
                } catch (t: Throwable) {
                    return@launch promise.reject("internal", t.message ?: t.javaClass.name, t)
                }
            promise.resolve(envelope)
        }
    }

    override fun configure(config: String, promise: Promise) =
        respond(promise) { bridge.configure(config) }

    override fun submitJob(args: String, promise: Promise) =
        respond(promise) { bridge.submitJob(args) }

    override fun cancelJob(jobId: String, promise: Promise) =
        promise.resolve(bridge.cancelJob(jobId))

    override fun enqueueJob(args: String, promise: Promise) =
        respond(promise) { bridge.enqueueJob(args) }

    override fun pendingJobs(promise: Promise) = respond(promise) { bridge.pendingJobs() }

    override fun resumePendingJobs(promise: Promise) =
        respond(promise) { bridge.resumePendingJobs() }

    override fun cancelResume(promise: Promise) = promise.resolve(bridge.cancelResume())

    override fun jobStatus(job: String, promise: Promise) =
        respond(promise) { bridge.jobStatus(job) }

    override fun captureSelfieFromFiles(options: String, promise: Promise) =
        respond(promise) { bridge.captureSelfieFromFiles(options) }

    override fun captureDocumentFromFiles(options: String, promise: Promise) =
        respond(promise) { bridge.captureDocumentFromFiles(options) }

    override fun services(options: String, promise: Promise) =
        respond(promise) { bridge.services(options) }

    override fun productsConfig(options: String, promise: Promise) =
        respond(promise) { bridge.productsConfig(options) }

    override fun validDocuments(options: String, promise: Promise) =
        respond(promise) { bridge.validDocuments(options) }

    override fun getCurrentTags(promise: Promise) = respond(promise) { bridge.getCurrentTags() }

    override fun getImagesForTag(tag: String, promise: Promise) =
        respond(promise) { bridge.getImagesForTag(tag) }

    override fun deleteTag(tag: String, promise: Promise) =
        respond(promise) { bridge.deleteTag(tag) }

    override fun resolveSignature(requestId: String, signature: String, timestamp: String) =
        bridge.resolveSignature(requestId, signature, timestamp)

    override fun rejectSignature(requestId: String, message: String) =
        bridge.rejectSignature(requestId, message)

    /** Shows [SelfieCaptureActivity] over the app's current Activity. */
    override fun captureSelfie(options: String, promise: Promise) {
        val start = bridge.startCapture(options)
        val screen = start.screen ?: return promise.resolve(start.refused)
        SelfieCaptureActivity.start(reactApplicationContext.currentActivity, screen) {
            promise.resolve(bridge.captureOutcome(it))
        }
    }

    /** Stops the work in flight: each running call resolves with its `cancelled` envelope. */
    override fun invalidate() {
        bridge.shutdown()
        super.invalidate()
    }
}
