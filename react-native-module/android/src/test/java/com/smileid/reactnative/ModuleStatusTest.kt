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

        @BeforeClass @JvmStatic fun start() {
            sandbox = Sandbox(processingDelayMs = 50, faults = "job_status:delay=3000:1.0")
        }

        @AfterClass @JvmStatic fun stop() { sandbox.close() }
    }

    private fun configured(): RnSmileIdModule {
        val m = RnSmileIdModule(TestContext(), TestHost())
        TestPromise().also { m.configure(sandbox.configure(), it) }.value()
        val photo = map("selfie" to Env.face("obama_1.jpg").path, "tag" to "slow")
        TestPromise().also { m.captureSelfieFromFiles(photo, it) }.value()
        return m
    }

    /** A JT4 whose polling ends (1 s) before the first job_status answer (3 s). */
    private fun RnSmileIdModule.submitStalled(jobId: String, userId: String): ReadableMap {
        val params = map(
            "tag" to "slow", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 1_000,
            "partnerParams" to map("jobId" to jobId, "userId" to userId),
        )
        return TestPromise().also { submitJob(params, it) }.map()
    }

    private fun RnSmileIdModule.status(jobId: String, userId: String) =
        TestPromise().also {
            val ref = map("jobId" to jobId, "userId" to userId, "jobType" to 4)
            jobStatus(ref, it)
        }

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
        val partner = status.getMap("result")!!.getMap("partnerParams")!!
        assertEquals("job-late", partner.getString("job_id"))
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
        val ids = (0 until pending.size()).map { pending.getMap(it)!!.getString("jobId") }
        assertTrue("the job stays pending: $ids", "job-stuck" in ids)
        m.invalidate()
    }
}
