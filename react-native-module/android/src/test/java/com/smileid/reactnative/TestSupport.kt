package com.smileid.reactnative

import android.content.Context
import android.content.ContextWrapper
import com.facebook.react.bridge.CatalystInstance
import com.facebook.react.bridge.Callback
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import com.facebook.react.bridge.JavaScriptContextHolder
import com.facebook.react.bridge.JavaScriptModule
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.RuntimeExecutor
import com.facebook.react.bridge.UIManager
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import com.facebook.react.turbomodule.core.interfaces.CallInvokerHolder
import org.json.JSONArray
import org.json.JSONObject
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.nio.file.Files
import java.util.Collections
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** Paths handed over by scripts/test-react-native as system properties. */
object Env {
    val sandboxBin: String get() = System.getProperty("smileid.sandbox.bin")
    val testdata = File(System.getProperty("smileid.testdata"))
    /** Where result maps are written for the Jest decoding tests (null: not written). */
    val fixtures: File? = System.getProperty("smileid.fixtures")?.let(::File)

    fun face(name: String) = File(testdata, "faces/$name")
}

/**
 * The real sandbox binary on 127.0.0.1 (port 0), read from its `SANDBOX_READY {json}` line;
 * [faults] in its `--faults` syntax (e.g. `job_status:delay=3000:1.0`).
 */
class Sandbox(processingDelayMs: Long = 200, faults: String? = null) : AutoCloseable {
    private val dir = Files.createTempDirectory("rn-sandbox").toFile()
    private val process = ProcessBuilder(
        Env.sandboxBin, "serve", "--port", "0", "--db", File(dir, "sandbox.db").path,
        "--processing-delay-ms", processingDelayMs.toString(),
        *(faults?.let { arrayOf("--faults", it) } ?: emptyArray()),
    ).redirectError(File(dir, "stderr.log")).start()
    private val ready: JSONObject
    val baseUrl: String get() = ready.getString("base_url")
    val partnerId: String get() = ready.getString("partner_id")
    val apiKey: String get() = ready.getString("api_key")
    val authToken: String get() = ready.getString("auth_token")

    init {
        val out = BufferedReader(InputStreamReader(process.inputStream))
        var line: String
        do {
            line = out.readLine() ?: error("sandbox exited: " + File(dir, "stderr.log").readText())
        } while (!line.startsWith("SANDBOX_READY "))
        ready = JSONObject(line.removePrefix("SANDBOX_READY "))
        Thread { out.use { it.lineSequence().forEach { } } }.apply { isDaemon = true }.start()
    }

    /** What JS passes to `configure()` for this sandbox (auth-token mode, as apps use it). */
    fun configure(vararg extra: Pair<String, Any?>): JavaOnlyMap = map(
        "partnerId" to partnerId, "authToken" to authToken, "sandboxUrl" to baseUrl,
        "pollIntervalMillis" to 50.0, "keepTagsAfterSuccess" to true, *extra,
    )

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        dir.deleteRecursively()
    }
}

/** A JS object as the bridge hands it over: numbers are doubles. */
fun map(vararg entries: Pair<String, Any?>): JavaOnlyMap = JavaOnlyMap().apply {
    for ((k, v) in entries) when (v) {
        null -> putNull(k)
        is String -> putString(k, v)
        is Boolean -> putBoolean(k, v)
        is Int -> putDouble(k, v.toDouble())
        is Long -> putDouble(k, v.toDouble())
        is Double -> putDouble(k, v)
        is ReadableMap -> putMap(k, v)
        is ReadableArray -> putArray(k, v)
        else -> error("unsupported $v")
    }
}

fun array(vararg items: String): JavaOnlyArray = JavaOnlyArray.from(items.toList())

/** A JS promise: resolves or rejects once, awaited by the test. */
class TestPromise : Promise {
    data class Rejection(val code: String?, val message: String?, val userInfo: ReadableMap?)

    private val outcome = CompletableFuture<Any?>()

    /** The resolved value; fails the test with the rejection if it rejected. */
    fun value(seconds: Long = 60): Any? = outcome.get(seconds, TimeUnit.SECONDS).also {
        if (it is Rejection) throw AssertionError("rejected: $it")
    }

    fun map(seconds: Long = 60) = value(seconds) as ReadableMap

    fun rejection(seconds: Long = 60): Rejection =
        outcome.get(seconds, TimeUnit.SECONDS) as? Rejection ?: throw AssertionError("resolved, expected a rejection")

    override fun resolve(value: Any?) { outcome.complete(value) }
    private fun fail(code: String?, message: String?, userInfo: ReadableMap?) { outcome.complete(Rejection(code, message, userInfo)) }
    override fun reject(code: String?, message: String?) = fail(code, message, null)
    override fun reject(code: String?, throwable: Throwable?) = fail(code, throwable?.message, null)
    override fun reject(code: String?, message: String?, throwable: Throwable?) = fail(code, message, null)
    override fun reject(throwable: Throwable) = fail(null, throwable.message, null)
    override fun reject(throwable: Throwable, userInfo: WritableMap) = fail(null, throwable.message, userInfo)
    override fun reject(code: String?, userInfo: WritableMap) = fail(code, null, userInfo)
    override fun reject(code: String?, throwable: Throwable?, userInfo: WritableMap) = fail(code, throwable?.message, userInfo)
    override fun reject(code: String?, message: String?, userInfo: WritableMap) = fail(code, message, userInfo)
    override fun reject(code: String?, message: String?, throwable: Throwable?, userInfo: WritableMap?) = fail(code, message, userInfo)
    @Deprecated("as in Promise") override fun reject(message: String) = fail(null, message, null)
}

/** The module's host on the JVM: a temp tag store, JavaOnlyMap, events recorded (and answered). */
class TestHost(
    private val bundled: String? = null,
    /** Called for each event after it is recorded (e.g. to answer signature requests). */
    var onEvent: (String, WritableMap) -> Unit = { _, _ -> },
) : RnSmileIdModule.Host {
    override val tagsRoot: String = Files.createTempDirectory("rn-tags").toString()
    val received: MutableList<Pair<String, ReadableMap>> = Collections.synchronizedList(mutableListOf())

    override fun bundledConfig() = bundled
    override fun map(): WritableMap = JavaOnlyMap()
    override fun array(): WritableArray = JavaOnlyArray()
    override val events: (String, WritableMap) -> Unit = { name, body ->
        received.add(name to body)
        onEvent(name, body)
    }

    fun progress(): List<ReadableMap> = synchronized(received) { received.filter { it.first == "onProgress" }.map { it.second } }
}

/**
 * React Native's context without a React instance (nothing here runs JS): the module only needs
 * it to exist. Every member the module could reach on a device fails loudly here.
 */
class TestContext : ReactApplicationContext(Base()) {
    /** ReactApplicationContext asks its base for the application context: itself, with no Android behind. */
    private class Base : ContextWrapper(null) {
        override fun getApplicationContext(): Context = this
    }

    private fun absent(): Nothing = throw UnsupportedOperationException("no React instance in JVM tests")
    override fun <T : JavaScriptModule> getJSModule(jsInterface: Class<T>): T = absent()
    override fun <T : NativeModule> hasNativeModule(nativeModuleInterface: Class<T>): Boolean = false
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
    override fun registerSegment(segmentId: Int, path: String, callback: Callback) = absent()
}

/** A map from the module as JSON (what JS receives), for fixtures and assertions. */
fun toJson(value: Any?): Any? = when (value) {
    is ReadableMap -> JSONObject().apply {
        val keys = value.keySetIterator()
        while (keys.hasNextKey()) {
            val k = keys.nextKey()
            put(k, toJson(value.toHashMap()[k]).let { if (it == null) JSONObject.NULL else it })
        }
    }
    is ReadableArray -> JSONArray().apply { for (i in 0 until value.size()) put(toJson(value.toArrayList()[i])) }
    is Map<*, *> -> JSONObject().apply { value.forEach { (k, v) -> put(k as String, toJson(v) ?: JSONObject.NULL) } }
    is List<*> -> JSONArray().apply { value.forEach { put(toJson(it) ?: JSONObject.NULL) } }
    else -> value
}

/** Writes a result map as a Jest fixture (scripts/test-react-native passes the folder). */
fun writeFixture(name: String, value: Any?) {
    val dir = Env.fixtures ?: return
    dir.mkdirs()
    File(dir, "$name.json").writeText((toJson(value) as JSONObject).toString(2))
}

/** Waits for [condition], checking every 20 ms; fails after 60 s. */
fun waitFor(condition: () -> Boolean) {
    val deadline = System.nanoTime() + 60_000_000_000
    while (!condition()) {
        check(System.nanoTime() < deadline) { "condition not met within 60 s" }
        Thread.sleep(20)
    }
}
