package com.smileid.ffi

import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * `cancelJob(jobId)` and `cancelResume()` stop work by name, for callers that keep no handle:
 * a job started without a job id is cancellable by the id it was given at the start.
 */
class CancelByIdTest : SandboxTest(processingDelayMs = 60_000) {
    @Test
    fun `a job is cancelled by its generated id, a resume by cancelResume`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        val listener = RecordingListener()
        SmileIdClient(sandbox.config(keepTags = true), store).use { client ->
            assertFalse(client.cancelJob("nothing-runs"))
            val params =
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 600_000)
            val task = client.startJob(params, listener)
            val polling = withTimeout(30_000) {
                while (listener.snapshot().none { it.second is ProgressEvent.Polling }) delay(10)
                listener.snapshot().first { it.second is ProgressEvent.Polling }
            }
            val jobId = polling.first
            assertTrue(jobId.startsWith("job-"), jobId)
            assertTrue(client.cancelJob(jobId))
            assertThrows(SmileIdException.Cancelled::class.java) {
                runBlocking { task.awaitResult() }
            }
            assertFalse(client.cancelJob(jobId), "finished work leaves the registry")

            val resume = client.startResumePendingJobs(listener)
            assertTrue(client.cancelResume())
            assertThrows(SmileIdException.Cancelled::class.java) {
                runBlocking { resume.awaitResult() }
            }
            assertFalse(client.cancelResume())
            assertEquals(JobState.UPLOADED, client.pendingJobs().single { it.jobId == jobId }.state)
        }
    }
}
