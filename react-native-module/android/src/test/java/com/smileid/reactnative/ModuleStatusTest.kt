package com.smileid.reactnative

import org.json.JSONArray
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test

/**
 * Against a sandbox whose job_status answers only after 3 s: incomplete results, jobStatus,
 * cancelJob (of a job and of a status request) and cancelResume, all forwarded to the bridge.
 */
class ModuleStatusTest {
    companion object {
        @ClassRule @JvmField
        val sandbox = SandboxRule(processingDelayMs = 50, faults = "job_status:delay=3000:1.0")
    }

    private fun configured(host: TestHost = TestHost()): RnSmileIdModule {
        val m = RnSmileIdModule(TestContext(), host)
        TestPromise().also { m.configure(sandbox.configure(), it) }.ok()
        val photo = json("selfie" to Env.face("obama_1.jpg").path, "tag" to "slow").toString()
        TestPromise().also { m.captureSelfieFromFiles(photo, it) }.ok()
        return m
    }

    private fun job(jobId: String, timeoutMillis: Int) = args(
        json(
            "tag" to "slow",
            "jobType" to 4,
            "jobStatusPollingTimeoutMillis" to timeoutMillis,
            "partnerParams" to json("job_id" to jobId, "user_id" to "u-$jobId"),
        ),
    )

    private fun RnSmileIdModule.status(jobId: String) = TestPromise().also {
        jobStatus(json("jobId" to jobId, "userId" to "u-$jobId", "jobType" to 4).toString(), it)
    }

    @Test
    fun `an incomplete result says why, and jobStatus then gets the result`() {
        val m = configured()
        val r = TestPromise().also { m.submitJob(job("late", 1_000), it) }.okObject()
        assertEquals("timedOut", r.getString("incompleteReason"))
        assertFalse(r.getBoolean("jobComplete"))
        // The stalled job_status call was cancelled in OkHttp when the deadline passed.
        waitFor { AppHttp.seen(sandbox.port).any { it.startsWith("POST /v1/job_status cancel") } }
        val status = m.status("late").okObject()
        assertTrue(status.getBoolean("jobComplete"))
        assertEquals("0840", status.getString("ResultCode"))
        m.invalidate()
    }

    @Test
    fun `cancelJob stops a running job, cancelResume a resume, and the job stays pending`() {
        val host = TestHost()
        val m = configured(host)
        val running = TestPromise().also { m.submitJob(job("stuck", 60_000), it) }
        // Uploaded: the job now waits on the stalled job_status.
        waitFor {
            host.progress().any {
                it.getString("type") == "uploading" &&
                    it.getInt("percent") == 100
            }
        }
        assertTrue(TestPromise().also { m.cancelJob("stuck", it) }.value() as Boolean)
        assertEquals("cancelled", running.error().getString("code"))
        assertEquals(false, TestPromise().also { m.cancelJob("stuck", it) }.value())

        val resume = TestPromise().also { m.resumePendingJobs(it) }
        waitFor { TestPromise().also { m.cancelResume(it) }.value() == true }
        assertEquals("cancelled", resume.error().getString("code"))
        assertEquals(false, TestPromise().also { m.cancelResume(it) }.value())
        val pending = TestPromise().also { m.pendingJobs(it) }.ok() as JSONArray
        val ids = (0 until pending.length()).map { pending.getJSONObject(it).getString("jobId") }
        assertTrue("the job stays pending: $ids", "stuck" in ids)

        // Closing the module stops what runs: the call resolves as cancelled.
        val last = TestPromise().also { m.submitJob(job("closing", 60_000), it) }
        waitFor {
            host.progress().any {
                it.getString("jobId") == "closing" &&
                    it.getString("type") == "uploading"
            }
        }
        m.invalidate()
        assertEquals("cancelled", last.error().getString("code"))
    }
}
