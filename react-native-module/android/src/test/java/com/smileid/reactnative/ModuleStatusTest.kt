package com.smileid.reactnative

import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test

/**
 * A stalled job_status on the real sandbox (every answer 3 s late): a job polled for 1 s comes
 * back incomplete with `incompleteReason: 'timedOut'`, `jobStatus` then gets its result, and a
 * running `jobStatus` or `resumePendingJobs` stops at `cancelJob` / `cancelResume`.
 */
class ModuleStatusTest {
    companion object {
        lateinit var sandbox: Sandbox

        @BeforeClass @JvmStatic fun start() { sandbox = Sandbox(processingDelayMs = 50, faults = "job_status:delay=3000:1.0") }

        @AfterClass @JvmStatic fun stop() { sandbox.close() }
    }

    private fun configured(): RnSmileIdModule {
        val m = RnSmileIdModule(TestContext(), TestHost())
        TestPromise().also { m.configure(sandbox.configure(), it) }.value()
        TestPromise().also { m.captureSelfieFromFiles(map("selfie" to Env.face("obama_1.jpg").path, "tag" to "slow"), it) }.value()
        return m
    }

    /** A JT4 whose polling ends (1 s) before the first job_status answer (3 s). */
    private fun RnSmileIdModule.submitStalled(jobId: String, userId: String): ReadableMap = TestPromise().also {
        submitJob(map("tag" to "slow", "jobType" to 4, "partnerParams" to map("jobId" to jobId, "userId" to userId), "jobStatusPollingTimeoutMillis" to 1_000), it)
    }.map()

    private fun RnSmileIdModule.status(jobId: String, userId: String) =
        TestPromise().also { jobStatus(map("jobId" to jobId, "userId" to userId, "jobType" to 4, "isProduction" to false), it) }

    @Test
    fun `an incomplete result says why, and jobStatus then gets the result`() {
        val m = configured()
        val r = m.submitStalled("job-late", "u-late")
        writeFixture("jt4-incomplete", r)
        assertEquals("timedOut", r.getString("incompleteReason"))
        assertTrue(r.getBoolean("timedOut"))
        assertFalse(r.getMap("status")!!.getBoolean("jobComplete"))

        val status = m.status("job-late", "u-late").map()
        writeFixture("job-status", status)
        assertTrue(status.getBoolean("jobComplete") && status.getBoolean("jobSuccess"))
        assertEquals("0840", status.getMap("result")!!.getString("resultCode"))
        assertEquals("job-late", status.getMap("result")!!.getMap("partnerParams")!!.getString("job_id"))
        m.invalidate()
    }

    @Test
    fun `cancelJob stops a jobStatus and cancelResume a resume, the job stays pending`() {
        val m = configured()
        m.submitStalled("job-stuck", "u-stuck")

        val status = m.status("job-stuck", "u-stuck")
        waitFor { TestPromise().also { m.cancelJob("job-stuck", it) }.value() == true }
        assertEquals("cancelled", status.rejection().code)
        assertEquals(false, TestPromise().also { m.cancelJob("job-stuck", it) }.value())

        val resume = TestPromise().also { m.resumePendingJobs(it) }
        waitFor { TestPromise().also { m.cancelResume(it) }.value() == true }
        assertEquals("cancelled", resume.rejection().code)
        assertEquals(false, TestPromise().also { m.cancelResume(it) }.value())
        val pending = TestPromise().also { m.pendingJobs(it) }.value() as ReadableArray
        assertTrue((0 until pending.size()).any { pending.getMap(it)!!.getString("jobId") == "job-stuck" })
        m.invalidate()
    }
}
