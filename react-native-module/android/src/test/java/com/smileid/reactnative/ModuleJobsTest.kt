package com.smileid.reactnative

import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import org.json.JSONObject
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test
import java.io.File
import java.util.UUID

/**
 * JS-shaped maps → the module → the uniffi bindings → the real Rust library → the sandbox over
 * HTTP → the result map JS receives: photo capture, then JT4, JT2 and JT1, with progress events.
 */
class ModuleJobsTest {
    companion object {
        lateinit var sandbox: Sandbox

        @BeforeClass @JvmStatic fun start() { sandbox = Sandbox() }

        @AfterClass @JvmStatic fun stop() { sandbox.close() }
    }

    private fun module(host: TestHost = TestHost()) = RnSmileIdModule(TestContext(), host)

    private fun RnSmileIdModule.call(block: RnSmileIdModule.(TestPromise) -> Unit): TestPromise = TestPromise().also { block(it) }

    @Test
    fun `capture from files, then enrolment, authentication and Biometric KYC`() {
        val host = TestHost()
        val m = module(host)
        m.call { configure(sandbox.configure(), it) }.value()

        val captured = m.call { captureSelfieFromFiles(map("selfie" to "file://" + Env.face("obama_1.jpg").path, "tag" to "obama"), it) }.map()
        assertEquals("obama", captured.getString("tag"))
        assertEquals(7, captured.getArray("livenessPaths")!!.size())
        assertTrue(File(captured.getString("selfiePath")!!).isFile)
        assertEquals(listOf("obama"), (m.call { getCurrentTags(it) }.value() as ReadableArray).toArrayList())
        val images = m.call { getImagesForTag("obama", it) }.map()
        assertEquals(captured.getString("selfiePath"), images.getString("selfie"))

        val userId = "user-" + UUID.randomUUID()
        val enrol = m.call {
            submitJob(map(
                "tag" to "obama", "jobType" to 4, "isProduction" to false,
                "partnerParams" to map("jobId" to "", "userId" to userId, "extras" to map("my_ref" to "A-17")),
                "idInfo" to null, "geoInfo" to null, "callbackUrl" to "", "jobStatusPollingTimeoutMillis" to 30_000,
            ), it)
        }.map()
        writeFixture("jt4", enrol)
        assertEquals(4.0, enrol.getDouble("jobType"), 0.0)
        assertFalse(enrol.getBoolean("timedOut"))
        val status = enrol.getMap("status")!!
        assertTrue(status.getBoolean("jobComplete") && status.getBoolean("jobSuccess"))
        val result = status.getMap("result")!!
        assertEquals("0840", result.getString("resultCode"))
        assertEquals("Passed", result.getMap("actions")!!.getString("Liveness_Check"))
        assertEquals("A-17", result.getMap("partnerParams")!!.getString("my_ref"))
        assertEquals("0840", JSONObject(status.getString("json")!!).getJSONObject("result").getString("ResultCode"))
        assertEquals(result.getString("smileJobId"), JSONObject(status.getString("raw")!!).getJSONObject("result").getString("SmileJobID"))

        // Every event names the job; they come in order and end with done.
        val jobId = enrol.getString("jobId")!!
        val events = host.progress()
        assertTrue(events.all { it.getString("jobId") == jobId })
        val types = events.map { it.getString("type") }
        assertEquals(listOf("authenticating", "preparing"), types.take(2))
        assertEquals("done", types.last())
        val uploads = events.filter { it.getString("type") == "uploading" }.map { it.getInt("percent") }
        assertEquals(100, uploads.last())
        assertEquals(uploads.sorted(), uploads)
        assertTrue(events.any { it.getString("type") == "polling" && it.getInt("attempt") == 1 })

        val auth = m.call {
            submitJob(map("tag" to "obama", "jobType" to 2, "partnerParams" to map("userId" to userId), "jobStatusPollingTimeoutMillis" to 30_000), it)
        }.map()
        writeFixture("jt2", auth)
        assertEquals("0820", auth.getMap("status")!!.getMap("result")!!.getString("resultCode"))

        val kyc = m.call {
            submitJob(map(
                "tag" to "obama", "jobType" to 1, "partnerParams" to map("userId" to userId),
                "idInfo" to map("country" to "NG", "idType" to "BVN", "idNumber" to "00000000000"),
                "geoInfo" to map("accuracy" to 10.0, "altitude" to 20.0, "latitude" to 6.5, "longitude" to 3.4, "lastUpdate" to "2026-01-01T00:00:00Z", "isGeoPermissionGranted" to true),
                "jobStatusPollingTimeoutMillis" to 30_000,
            ), it)
        }.map()
        writeFixture("jt1", kyc)
        val verified = kyc.getMap("status")!!.getMap("result")!!
        assertEquals("0810", verified.getString("resultCode"))
        assertEquals("NG", verified.getString("country"))
        assertEquals("BVN", verified.getString("idType"))
        assertNotNull(verified.getString("fullName"))

        m.call { deleteTag("obama", it) }.value()
        assertEquals(0, (m.call { getCurrentTags(it) }.value() as ReadableArray).size())
        m.invalidate()
    }

    @Test
    fun `a short polling timeout returns the first status, not complete`() {
        val slow = Sandbox(processingDelayMs = 5_000)
        slow.use {
            val m = module()
            m.call { configure(slow.configure(), it) }.value()
            m.call { captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path, "tag" to "t"), it) }.value()
            val first = m.call { submitJob(map("tag" to "t", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 0), it) }.map()
            writeFixture("jt4-pending", first)
            assertFalse(first.getMap("status")!!.getBoolean("jobComplete"))
            m.invalidate()
        }
    }

    @Test
    fun `the bundled smile_config json configures the module when configure is not called`() {
        val bundled = JSONObject()
            .put("partner_id", sandbox.partnerId)
            .put("auth_token", sandbox.authToken)
            .put("test_lambda_url", sandbox.baseUrl)
            .put("prod_lambda_url", "https://api.example.invalid/v1/")
        val m = module(TestHost(bundled = bundled.toString()))
        m.call { captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path), it) }.map().getString("tag")!!.let { tag ->
            val r = m.call { submitJob(map("tag" to tag, "jobType" to 4, "jobStatusPollingTimeoutMillis" to 30_000), it) }.map()
            assertEquals("0840", r.getMap("status")!!.getMap("result")!!.getString("resultCode"))
        }
        m.invalidate()
    }

    @Test
    fun `the app signature function from JS signs every request`() {
        lateinit var m: RnSmileIdModule
        val host = TestHost()
        // What index.tsx does with onSignatureRequest: call the app's async function (here an
        // HMAC as the partner's backend computes it), answer on another thread.
        host.onEvent = { name, body ->
            if (name == "onSignatureRequest") {
                val requestId = body.getString("requestId")!!
                val partnerId = body.getString("partnerId")!!
                Thread {
                    val timestamp = java.time.Instant.now().toString().let { if (it.length > 24) it.substring(0, 23) + "Z" else it }
                    val mac = javax.crypto.Mac.getInstance("HmacSHA256")
                    mac.init(javax.crypto.spec.SecretKeySpec(sandbox.apiKey.toByteArray(), "HmacSHA256"))
                    val signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal((timestamp + partnerId + "sid_request").toByteArray()))
                    m.resolveSignature(requestId, signature, timestamp)
                }.start()
            }
        }
        m = module(host)
        m.call {
            configure(map("partnerId" to sandbox.partnerId, "signatureProvider" to true, "sandboxUrl" to sandbox.baseUrl, "pollIntervalMillis" to 50.0), it)
        }.value()
        val tag = m.call { captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path), it) }.map().getString("tag")!!
        val r = m.call { submitJob(map("tag" to tag, "jobType" to 4, "jobStatusPollingTimeoutMillis" to 30_000), it) }.map()
        assertEquals("0840", r.getMap("status")!!.getMap("result")!!.getString("resultCode"))
        assertTrue(host.received.any { it.first == "onSignatureRequest" && it.second.getString("partnerId") == sandbox.partnerId })
        m.invalidate()
    }

    @Test
    fun `offline queue then resume`() {
        val m = module()
        m.call { configure(sandbox.configure(), it) }.value()
        m.call { captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path, "tag" to "later"), it) }.value()
        val jobId = m.call { enqueueJob(map("tag" to "later", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 30_000), it) }.value() as String
        val pending = m.call { pendingJobs(it) }.value() as ReadableArray
        assertEquals(jobId, pending.getMap(0)!!.getString("jobId"))
        assertEquals("captured", pending.getMap(0)!!.getString("state"))
        val resumed = m.call { resumePendingJobs(it) }.value() as ReadableArray
        val entry: ReadableMap = resumed.getMap(0)!!
        writeFixture("resumed", entry)
        assertEquals(jobId, entry.getString("jobId"))
        assertEquals("0840", entry.getMap("result")!!.getMap("status")!!.getMap("result")!!.getString("resultCode"))
        assertEquals(0, (m.call { pendingJobs(it) }.value() as ReadableArray).size())
        m.invalidate()
    }
}
