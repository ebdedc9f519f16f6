package com.smileid.reactnative

import com.facebook.react.bridge.ReadableArray
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test

/** Every rejection carries the core's code, the field and, for server refusals, Smile ID's code. */
class ModuleErrorsTest {
    companion object {
        lateinit var sandbox: Sandbox

        // Jobs take long enough here to be cancelled while polling.
        @BeforeClass @JvmStatic fun start() { sandbox = Sandbox(processingDelayMs = 3_000) }

        @AfterClass @JvmStatic fun stop() { sandbox.close() }
    }

    private fun configured(host: TestHost = TestHost()): RnSmileIdModule {
        val m = RnSmileIdModule(TestContext(), host)
        TestPromise().also { m.configure(sandbox.configure(), it) }.value()
        return m
    }

    private fun RnSmileIdModule.submit(vararg params: Pair<String, Any?>) = TestPromise().also { submitJob(map(*params), it) }

    private fun TestPromise.expect(code: String, field: String?): TestPromise.Rejection {
        val r = rejection()
        assertEquals(code, r.code)
        assertEquals(code, r.userInfo!!.getString("code"))
        assertEquals(field, r.userInfo!!.getString("field"))
        assertTrue("a message says what to fix: ${r.message}", !r.message.isNullOrBlank())
        return r
    }

    private fun tag(m: RnSmileIdModule, name: String) =
        TestPromise().also { m.captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path, "tag" to name), it) }.value()

    @Test
    fun `bad fields are refused with the field named`() {
        val m = configured()
        tag(m, "bad")
        m.submit("tag" to "bad", "jobType" to "4").expect("invalid_input", "job_type")
        m.submit("jobType" to 4).expect("invalid_input", "tag")
        m.submit("tag" to "bad", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 1.5).expect("invalid_input", "job_status_polling_timeout_millis")
        m.submit("tag" to "bad", "jobType" to 4, "partnerParams" to map("extras" to map("n" to 5))).expect("invalid_input", "partner_params.n")
        // Refused by the Rust core: same shape.
        m.submit("tag" to "bad", "jobType" to 2).expect("invalid_input", "partner_params.user_id")
        m.submit("tag" to "bad", "jobType" to 6).expect("unsupported_job_type", "job_type")
        m.submit("tag" to "bad", "jobType" to 1, "idInfo" to map("country" to "NG", "idType" to "BVN", "idNumber" to "12")).expect("invalid_input", "id_info.id_number")
        m.submit("tag" to "nope", "jobType" to 4).expect("tag_not_found", "tag")
        TestPromise().also { m.jobStatus(map("jobId" to "job-1", "jobType" to 4), it) }.expect("invalid_input", "partner_params.user_id")
        TestPromise().also { m.jobStatus(map("jobId" to "job-1", "userId" to "u", "jobType" to 7), it) }.expect("unsupported_job_type", "job_type")
        TestPromise().also { m.captureSelfieFromFiles(map("selfie" to "/no/such/photo.jpg"), it) }.expect("invalid_input", "selfie")
        TestPromise().also { m.captureSelfieFromFiles(map("selfie" to Env.face("no_face_coffee.jpg").path), it) }.expect("invalid_image", "selfie")
        m.invalidate()
    }

    @Test
    fun `captureSelfie checks its options, then needs an Activity to show the camera over`() {
        val m = configured()
        TestPromise().also { m.captureSelfie(map("timeoutMillis" to 0), it) }.expect("invalid_input", "timeout_millis")
        TestPromise().also { m.captureSelfie(map("tag" to 5), it) }.expect("invalid_input", "tag")
        // The JVM has no Activity in the foreground.
        TestPromise().also { m.captureSelfie(map("tag" to "cam"), it) }.expect("camera_unavailable", null)
        assertEquals(false, TestPromise().also { m.cancelResume(it) }.value())
        m.invalidate()
    }

    @Test
    fun `no configuration and no bundled smile_config json`() {
        val m = RnSmileIdModule(TestContext(), TestHost())
        TestPromise().also { m.pendingJobs(it) }.expect("invalid_input", "partnerId")
        TestPromise().also { m.configure(map("partnerId" to "2343"), it) }.expect("invalid_input", "authToken")
        TestPromise().also { m.configure(sandbox.configure("productionUrl" to "http://plain.example/v1"), it) }.let {
            // A production URL over http is refused when a production job runs, not at configure.
            it.value()
        }
        tag(m, "prod")
        m.submit("tag" to "prod", "jobType" to 4, "isProduction" to true).expect("insecure_transport", null)
        m.invalidate()
    }

    @Test
    fun `the server refusal keeps Smile ID's code`() {
        val m = RnSmileIdModule(TestContext(), TestHost())
        TestPromise().also { m.configure(sandbox.configure("authToken" to "wrong-token", "retry" to map("budgetMillis" to 0, "initialDelayMillis" to 0, "maxDelayMillis" to 0)), it) }.value()
        tag(m, "refused")
        val r = m.submit("tag" to "refused", "jobType" to 4).expect("api_error", null)
        assertEquals("2205", r.userInfo!!.getString("apiCode"))
        assertEquals(401, r.userInfo!!.getInt("httpStatus"))
        m.invalidate()
    }

    @Test
    fun `cancelJob stops a running job by the id the app gave, and by the id from its events`() {
        val host = TestHost()
        val m = configured(host)
        tag(m, "c")
        val given = m.submit("tag" to "c", "jobType" to 4, "partnerParams" to map("jobId" to "job-cancel-me"), "jobStatusPollingTimeoutMillis" to 60_000)
        waitFor { host.progress().any { it.getString("jobId") == "job-cancel-me" && it.getString("type") == "polling" } }
        assertEquals(true, TestPromise().also { m.cancelJob("job-cancel-me", it) }.value())
        given.expect("cancelled", null)
        assertFalse(TestPromise().also { m.cancelJob("job-cancel-me", it) }.value() as Boolean)

        val generated = m.submit("tag" to "c", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 60_000)
        waitFor { host.progress().any { it.getString("jobId") != "job-cancel-me" && it.getString("type") == "polling" } }
        val id = host.progress().first { it.getString("jobId") != "job-cancel-me" }.getString("jobId")!!
        assertEquals(true, TestPromise().also { m.cancelJob(id, it) }.value())
        generated.expect("cancelled", null)
        val countAfterCancel = host.progress().size
        // The tag is intact and the cancelled jobs wait in the journal.
        assertEquals(7, (TestPromise().also { m.getImagesForTag("c", it) }.map().getArray("liveness") as ReadableArray).size())
        val pending = TestPromise().also { m.pendingJobs(it) }.value() as ReadableArray
        assertEquals(setOf("job-cancel-me", id), (0 until pending.size()).map { pending.getMap(it)!!.getString("jobId") }.toSet())
        Thread.sleep(500)
        assertEquals("no event after cancel", countAfterCancel, host.progress().size)
        m.invalidate()
    }
}
