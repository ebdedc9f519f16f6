package com.smileid.ffi

import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.TestInstance
import java.awt.Color
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.nio.ByteBuffer
import java.nio.file.Files
import java.util.Collections
import java.util.concurrent.TimeUnit
import javax.imageio.ImageIO

/** Paths handed over by scripts/test-kotlin (see pom.xml). */
object Env {
    val sandboxBin: String = System.getProperty("smileid.sandbox.bin")
    val testdata: File = File(System.getProperty("smileid.testdata"))

    fun face(name: String): File = File(testdata, "faces/$name")

    fun document(name: String): File = File(testdata, "documents/$name")
}

/**
 * The real sandbox binary as a child process on 127.0.0.1, port 0, its own database; over https
 * with a CA of its own when [tls]. Reads the `SANDBOX_READY {json}` line it prints once listening.
 */
class Sandbox(processingDelayMs: Long = 200, faults: String? = null, tls: Boolean = false) :
    AutoCloseable {
    private val dir: File = Files.createTempDirectory("smileid-sandbox").toFile()
    private val process: Process
    val baseUrl: String
    val partnerId: String
    val apiKey: String
    val authToken: String

    /** The PEM file of the CA that signed the sandbox's certificate (https only). */
    val caCertPath: String?

    init {
        process = ProcessBuilder(
            Env.sandboxBin, "serve", "--port", "0",
            "--db", File(dir, "sandbox.db").path,
            "--processing-delay-ms", processingDelayMs.toString(),
            *(faults?.let { arrayOf("--faults", it) } ?: emptyArray()),
            *(if (tls) arrayOf("--tls", "--tls-dir", dir.path) else emptyArray()),
        ).redirectError(File(dir, "stderr.log")).start()
        val stdout = BufferedReader(InputStreamReader(process.inputStream))
        var ready: JSONObject? = null
        while (ready == null) {
            val line =
                stdout.readLine()
                    ?: error(
                        "sandbox exited before SANDBOX_READY: " + File(
                            dir,
                            "stderr.log",
                        ).readText(),
                    )
            if (line.startsWith("SANDBOX_READY ")) {
                ready =
                    JSONObject(line.removePrefix("SANDBOX_READY "))
            }
        }
        // Keep draining stdout so the child never blocks on a full pipe.
        Thread { stdout.use { it.lineSequence().forEach { } } }.apply { isDaemon = true }.start()
        baseUrl = ready.getString("base_url")
        partnerId = ready.getString("partner_id")
        apiKey = ready.getString("api_key")
        authToken = ready.getString("auth_token")
        caCertPath = if (ready.isNull("ca_cert_path")) null else ready.getString("ca_cert_path")
    }

    /** A client config in API-key mode pointed at this sandbox, polling fast. */
    fun config(auth: Auth = Auth.ApiKey(apiKey), keepTags: Boolean = true) = ClientConfig(
        partnerId = partnerId,
        auth = auth,
        sandboxUrl = baseUrl,
        pollIntervalMillis = 50,
        keepTagsAfterSuccess = keepTags,
    )

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        dir.deleteRecursively()
    }
}

/**
 * A test class with a sandbox of its own, started before its first test and stopped after its
 * last (one instance per class, so the sandbox is an ordinary property).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxTest(
    private val processingDelayMs: Long = 200,
    private val faults: String? = null,
    private val tls: Boolean = false,
) {
    lateinit var sandbox: Sandbox
        private set

    @BeforeAll
    fun startSandbox() {
        sandbox = Sandbox(processingDelayMs, faults, tls)
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }
}

/** A fresh tag store in a temporary folder. */
fun tempStore(): TagStore = TagStore(Files.createTempDirectory("smileid-tags").toString())

/** Records every progress event, in arrival order, from any thread. */
class RecordingListener : ProgressListener {
    val events: MutableList<Pair<String, ProgressEvent>> = Collections.synchronizedList(
        mutableListOf(),
    )

    override fun onProgress(jobId: String, event: ProgressEvent) {
        events.add(jobId to event)
    }

    fun snapshot(): List<Pair<String, ProgressEvent>> = synchronized(events) { events.toList() }
}

/** Camera frames made from a test photo, as Android's camera would deliver them. */
object TestFrames {
    const val WIDTH = 1280
    const val HEIGHT = 720

    /** The phone is upright, the sensor landscape: the frame needs a 90° clockwise turn. */
    const val ROTATION = 90

    /**
     * One 1280×720 NV21 frame (Y plane, then interleaved V/U) whose upright 720×1280 picture shows
     * obama_1.jpg's face centred and filling about a fifth of it. The face box (312,85,272,272 in
     * the photo, from testdata/faces/SOURCES.md) is scaled by 1.5 and centred; the rest is grey.
     */
    fun nv21Portrait(): ByteArray {
        val photo = ImageIO.read(Env.face("obama_1.jpg"))
        val upW = HEIGHT
        val upH = WIDTH
        val upright = BufferedImage(upW, upH, BufferedImage.TYPE_INT_RGB)
        val g = upright.createGraphics()
        g.color = Color(128, 128, 128)
        g.fillRect(0, 0, upW, upH)
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION,
            RenderingHints.VALUE_INTERPOLATION_BILINEAR,
        )
        val scale = 1.5
        val faceCx = 312 + 136
        val faceCy = 85 + 136
        val x = (upW / 2 - faceCx * scale).toInt()
        val y = (upH / 2 - faceCy * scale).toInt()
        g.drawImage(
            photo,
            x,
            y,
            (photo.width * scale).toInt(),
            (photo.height * scale).toInt(),
            null,
        )
        g.dispose()
        // Stored pixel (xs, ys) of a frame turned 90° clockwise to upright is upright (H-1-ys, xs).
        val argb = IntArray(WIDTH * HEIGHT)
        for (ys in 0 until HEIGHT) {
            for (xs in 0 until WIDTH) {
                argb[ys * WIDTH + xs] = upright.getRGB(HEIGHT - 1 - ys, xs)
            }
        }
        return nv21(argb, WIDTH, HEIGHT)
    }

    /** BT.601 limited-range RGB → NV21. */
    fun nv21(argb: IntArray, w: Int, h: Int): ByteArray {
        val out = ByteArray(w * h * 3 / 2)
        for (i in 0 until w * h) {
            val p = argb[i]
            val r = (p shr 16) and 0xff
            val gr = (p shr 8) and 0xff
            val b = p and 0xff
            out[i] = (((66 * r + 129 * gr + 25 * b + 128) shr 8) + 16).coerceIn(0, 255).toByte()
        }
        var o = w * h
        for (y in 0 until h step 2) {
            for (x in 0 until w step 2) {
                val p = argb[y * w + x]
                val r = (p shr 16) and 0xff
                val gr = (p shr 8) and 0xff
                val b = p and 0xff
                val v = ((112 * r - 94 * gr - 18 * b + 128) shr 8) + 128
                val u = ((-38 * r - 74 * gr + 112 * b + 128) shr 8) + 128
                out[o++] = v.coerceIn(0, 255).toByte()
                out[o++] = u.coerceIn(0, 255).toByte()
            }
        }
        return out
    }

    /** The NV21 frame as two direct buffers (Y, VU), as CameraX-style planes. */
    fun directPlanes(nv21: ByteArray): Pair<ByteBuffer, ByteBuffer> {
        val ySize = WIDTH * HEIGHT
        val y = ByteBuffer.allocateDirect(ySize).put(nv21, 0, ySize).flip() as ByteBuffer
        val vu = ByteBuffer.allocateDirect(
            nv21.size - ySize,
        ).put(nv21, ySize, nv21.size - ySize).flip() as ByteBuffer
        return y to vu
    }

    val EMPTY: ByteBuffer = ByteBuffer.allocateDirect(0)

    /** NV21 as two planes, Y and VU, as direct buffers give it. */
    private val TWO_PLANES =
        listOf(
            PlaneLayout(rowStride = WIDTH, pixelStride = 1),
            PlaneLayout(rowStride = WIDTH, pixelStride = 2),
        )

    /** NV21 as one plane (Y, then VU at the same row stride), as a Camera1 ByteArray gives it. */
    val ONE_PLANE = listOf(PlaneLayout(rowStride = WIDTH, pixelStride = 1))

    fun info(timestampMs: Long, smile: Float? = 0.95f, planes: List<PlaneLayout> = TWO_PLANES) =
        FrameInfo(
            format = PixelFormat.NV21,
            width = WIDTH,
            height = HEIGHT,
            planes = planes,
            rotationDegrees = ROTATION,
            timestampMs = timestampMs,
            smileProbability = smile,
        )
}
