package com.smileid.reactnative

import android.app.Activity
import android.content.Context
import android.content.ContextWrapper
import com.facebook.react.bridge.Callback
import com.facebook.react.bridge.CatalystInstance
import com.facebook.react.bridge.JavaScriptContextHolder
import com.facebook.react.bridge.JavaScriptModule
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.RuntimeExecutor
import com.facebook.react.bridge.UIManager
import com.facebook.react.bridge.WritableMap
import com.facebook.react.turbomodule.core.interfaces.CallInvokerHolder
import org.json.JSONArray
import org.json.JSONObject
import org.junit.rules.ExternalResource
import java.io.BufferedReader
import java.io.File
import java.io.IOException
import java.io.InputStreamReader
import java.net.URI
import java.nio.file.Files
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import java.util.Collections
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** Paths handed over by scripts/test-react-native as system properties. */
object Env {
    val sandboxBin: String get() = System.getProperty("smileid.sandbox.bin")
    val testdata = File(System.getProperty("smileid.testdata"))

    fun face(name: String) = File(testdata, "faces/$name")

    fun document(name: String) = File(testdata, "documents/$name")
}

/**
 * The real sandbox binary on 127.0.0.1 (port 0), read from its `SANDBOX_READY {json}` line;
 * [faults] in its `--faults` syntax (e.g. `job_status:delay=3000:1.0`); over https when [tls],
 * with the self-signed certificate of [tlsDir] (made there if absent).
 */
class Sandbox(
    processingDelayMs: Long = 200,
    faults: String? = null,
    tls: Boolean = false,
    tlsDir: File? = null,
) : AutoCloseable {
    private val dir = Files.createTempDirectory("rn-sandbox").toFile()
    private val process = ProcessBuilder(
        Env.sandboxBin, "serve", "--port", "0", "--db", File(dir, "sandbox.db").path,
        "--processing-delay-ms", processingDelayMs.toString(),
        *(faults?.let { arrayOf("--faults", it) } ?: emptyArray()),
        *(if (tls) arrayOf("--tls", "--tls-dir", (tlsDir ?: dir).path) else emptyArray()),
    ).redirectError(File(dir, "stderr.log")).start()
    private val ready: JSONObject
    val baseUrl: String get() = ready.getString("base_url")
    val partnerId: String get() = ready.getString("partner_id")
    val apiKey: String get() = ready.getString("api_key")
    val authToken: String get() = ready.getString("auth_token")

    /** The sandbox's self-signed certificate (https only). */
    val certificate: X509Certificate by lazy {
        readCertificate(File(ready.getString("ca_cert_path")))
    }

    /** The port the sandbox listens on: what tells its requests apart in [AppHttp]. */
    val port: Int get() = URI(baseUrl).port

    init {
        val out = BufferedReader(InputStreamReader(process.inputStream))
        var line: String
        do {
            line = out.readLine() ?: error("sandbox exited: " + File(dir, "stderr.log").readText())
        } while (!line.startsWith("SANDBOX_READY "))
        ready = JSONObject(line.removePrefix("SANDBOX_READY "))
        Thread {
            try {
                out.use { it.lineSequence().forEach { } }
            } catch (_: IOException) {
                // close() ended the process and its streams.
            }
        }.apply { isDaemon = true }.start()
    }

    /** What JS passes to `configure()` for this sandbox (auth-token mode, as apps use it). */
    fun configure(vararg extra: Pair<String, Any?>): String = json(
        "partnerId" to partnerId,
        "authToken" to authToken,
        "sandboxUrl" to baseUrl,
        "pollIntervalMillis" to 50,
        "keepTagsAfterSuccess" to true,
        *extra,
    ).toString()

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        dir.deleteRecursively()
    }
}

/** The certificate of a PEM file. */
fun readCertificate(pem: File): X509Certificate = pem.inputStream().use {
    CertificateFactory.getInstance("X.509").generateCertificate(it) as X509Certificate
}

/**
 * One [Sandbox] for a test class, started before its first test and stopped after its last:
 * `@ClassRule @JvmField val sandbox = SandboxRule()` in the class's companion. Over https
 * ([tls]), it serves the certificate the app trusts ([AppHttp.sandboxCertificates]).
 */
class SandboxRule(
    private val processingDelayMs: Long = 200,
    private val faults: String? = null,
    private val tls: Boolean = false,
) : ExternalResource() {
    private var running: Sandbox? = null
    private val sandbox get() = checkNotNull(running) { "the sandbox runs during the test class" }
    val baseUrl get() = sandbox.baseUrl
    val partnerId get() = sandbox.partnerId
    val apiKey get() = sandbox.apiKey
    val authToken get() = sandbox.authToken
    val certificate get() = sandbox.certificate
    val port get() = sandbox.port

    fun configure(vararg extra: Pair<String, Any?>) = sandbox.configure(*extra)

    override fun before() {
        running = Sandbox(
            processingDelayMs,
            faults,
            tls,
            AppHttp.sandboxCertificates.takeIf { tls },
        )
    }

    override fun after() {
        running?.close()
        running = null
    }
}

/** A JS object, as `JSON.stringify` makes it from the call's arguments. */
fun json(vararg entries: Pair<String, Any?>): JSONObject =
    JSONObject().apply { for ((k, v) in entries) put(k, v ?: JSONObject.NULL) }

/** `submitJob(...args)`'s arguments array, as the TS layer sends it. */
fun args(vararg items: Any?): String =
    JSONArray().apply { items.forEach { put(it ?: JSONObject.NULL) } }.toString()

/** A JS promise: resolves or rejects once, awaited by the test. */
class TestPromise : Promise {
    data class Rejection(val code: String?, val message: String?)

    private val outcome = CompletableFuture<Any?>()

    /** The resolved value; fails the test with the rejection if it rejected. */
    fun value(seconds: Long = 60): Any? = outcome.get(seconds, TimeUnit.SECONDS).also {
        if (it is Rejection) throw AssertionError("rejected: $it")
    }

    /** The envelope's `ok` value; fails the test with the error document if there is one. */
    fun ok(seconds: Long = 60): Any {
        val envelope = JSONObject(value(seconds) as String)
        if (envelope.has("error")) throw AssertionError("error: ${envelope.get("error")}")
        return envelope.get("ok")
    }

    fun okObject(seconds: Long = 60) = ok(seconds) as JSONObject

    /** Resolved or rejected already. */
    val settled: Boolean get() = outcome.isDone

    /** The envelope's error document; fails the test if the call succeeded. */
    fun error(seconds: Long = 60): JSONObject {
        val envelope = JSONObject(value(seconds) as String)
        return envelope.optJSONObject("error")
            ?: throw AssertionError("ok, expected an error: $envelope")
    }

    override fun resolve(value: Any?) {
        outcome.complete(value)
    }
    private fun fail(code: String?, message: String?) {
        outcome.complete(Rejection(code, message))
    }
    override fun reject(code: String?, message: String?) = fail(code, message)
    override fun reject(code: String?, throwable: Throwable?) = fail(code, throwable?.message)
    override fun reject(code: String?, message: String?, throwable: Throwable?) =
        fail(code, message)
    override fun reject(throwable: Throwable) = fail(null, throwable.message)
    override fun reject(throwable: Throwable, userInfo: WritableMap) = fail(null, throwable.message)
    override fun reject(code: String?, userInfo: WritableMap) = fail(code, null)
    override fun reject(code: String?, throwable: Throwable?, userInfo: WritableMap) =
        fail(code, throwable?.message)
    override fun reject(code: String?, message: String?, userInfo: WritableMap) =
        fail(code, message)
    override fun reject(
        code: String?,
        message: String?,
        throwable: Throwable?,
        userInfo: WritableMap?,
    ) = fail(code, message)

    @Deprecated("as in Promise")
    override fun reject(message: String) = fail(null, message)
}

/** The module's host on the JVM: a temp tag store, events recorded (and answered). */
class TestHost(
    private val bundled: String? = null,
    /** Called for each event after it is recorded (e.g. to answer signature requests). */
    var onEvent: (String, JSONObject) -> Unit = { _, _ -> },
) : RnSmileIdModule.Host {
    override val tagsRoot: String = Files.createTempDirectory("rn-tags").toString()
    val received: MutableList<Pair<String, JSONObject>> = Collections.synchronizedList(
        mutableListOf(),
    )

    override fun bundledConfig() = bundled
    override val events: (String, String) -> Unit = { name, body ->
        val event = JSONObject(body)
        received.add(name to event)
        onEvent(name, event)
    }

    /** `content://faces/NAME`, as a photo picker hands over a face photo. */
    override fun readUri(uri: String): ByteArray? =
        uri.removePrefix("content://faces/").takeIf { it != uri }?.let { Env.face(it).readBytes() }

    fun progress(): List<JSONObject> =
        synchronized(received) { received.filter { it.first == "onProgress" }.map { it.second } }
}

/**
 * React Native's context without a React instance (nothing here runs JS): the module only needs
 * it to exist. Every member the module could reach on a device fails loudly here. Over [base]:
 * nothing on the plain JVM, Robolectric's application there, with [activity] in the foreground.
 * As the app, it hands React Native its OkHttp client first ([AppHttp]).
 */
class TestContext(base: Context = Base(), private val activity: Activity? = null) :
    ReactApplicationContext(base) {
    init {
        AppHttp.install()
    }

    /**
     * ReactApplicationContext asks its base for the application context: itself, with no
     * Android behind.
     */
    private class Base : ContextWrapper(null) {
        override fun getApplicationContext(): Context = this
    }

    private fun absent(): Nothing =
        throw UnsupportedOperationException("no React instance in JVM tests")
    override fun <T : JavaScriptModule> getJSModule(jsInterface: Class<T>): T = absent()
    override fun <T : NativeModule> hasNativeModule(nativeModuleInterface: Class<T>): Boolean =
        false
    override fun getNativeModules(): Collection<NativeModule> = emptyList()
    override fun <T : NativeModule> getNativeModule(nativeModuleInterface: Class<T>): T? = null
    override fun getNativeModule(moduleName: String): NativeModule? = null
    override fun getCatalystInstance(): CatalystInstance = absent()
    override fun hasActiveCatalystInstance() = false
    override fun hasActiveReactInstance() = false
    override fun hasCatalystInstance() = false
    override fun hasReactInstance() = false
    override fun getRuntimeExecutor(): RuntimeExecutor? = null
    override fun destroy() {}
    override fun handleException(e: Exception) = throw e
    override fun isBridgeless() = true
    override fun getJavaScriptContextHolder(): JavaScriptContextHolder? = null
    override fun getJSCallInvokerHolder(): CallInvokerHolder? = null
    override fun getFabricUIManager(): UIManager? = null
    override fun getSourceURL(): String? = null
    override fun getCurrentActivity(): Activity? = activity
    override fun registerSegment(segmentId: Int, path: String, callback: Callback) = absent()
}

/** Waits for [condition], checking every 20 ms; fails after 60 s. */
fun waitFor(condition: () -> Boolean) {
    val deadline = System.nanoTime() + 60_000_000_000
    while (!condition()) {
        check(System.nanoTime() < deadline) { "condition not met within 60 s" }
        Thread.sleep(20)
    }
}

/** What a partner's backend answers a signature request with: (signature, timestamp). */
object Signatures {
    fun sign(apiKey: String, partnerId: String): Pair<String, String> {
        val timestamp = java.time.Instant.now().toString()
        val mac = javax.crypto.Mac.getInstance("HmacSHA256")
        mac.init(javax.crypto.spec.SecretKeySpec(apiKey.toByteArray(), "HmacSHA256"))
        val digest = mac.doFinal((timestamp + partnerId + "sid_request").toByteArray())
        return java.util.Base64.getEncoder().encodeToString(digest) to timestamp
    }
}
