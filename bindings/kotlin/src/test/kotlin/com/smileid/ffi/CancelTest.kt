package com.smileid.ffi

import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Cancelling a running job stops it (no more requests, no more events) and leaves its tag as it
 * was; the journal keeps the job for resumePendingJobs. The sandbox keeps every job processing
 * for a minute, so the jobs are cancelled while they poll.
 */
class CancelTest : SandboxTest(processingDelayMs = 60_000) {
    private suspend fun untilPolling(listener: RecordingListener) = withTimeout(30_000) {
        while (listener.snapshot().none { it.second is ProgressEvent.Polling }) delay(10)
    }

    /**
     * Nothing more arrives once cancelled: with 50 ms between polls, 600 ms would bring ~12. (A
     * callback already running when cancel() was called may still finish: let it.)
     */
    private suspend fun assertStopped(listener: RecordingListener) {
        delay(100)
        val atCancel = listener.snapshot().size
        delay(600)
        val after = listener.snapshot()
        assertEquals(atCancel, after.size, "no event after cancel: ${after.drop(atCancel)}")
        assertTrue(after.none { it.second is ProgressEvent.Done })
    }

    @Test
    fun `cancelling the coroutine cancels submitJob and keeps the tag`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        val before = store.images(tag)
        val listener = RecordingListener()
        SmileIdClient(sandbox.config(keepTags = false), store).use { client ->
            val jobId = "job-cancel-coroutine-" + System.nanoTime()
            val job = async(Dispatchers.IO, start = CoroutineStart.DEFAULT) {
                client.submitJob(
                    SubmitJobParams(
                        tag = tag,
                        jobType = 4,
                        partnerParams = PartnerParams(jobId = jobId),
                        jobStatusPollingTimeoutMillis = 600_000,
                    ),
                    listener,
                )
            }
            untilPolling(listener)
            job.cancelAndJoin()
            assertTrue(job.isCancelled)
            assertStopped(listener)

            assertEquals(before, store.images(tag), "the tag is untouched")
            val pending = client.pendingJobs().single { it.jobId == jobId }
            assertEquals(JobState.UPLOADED, pending.state)
            assertEquals(tag, pending.tag)

            // The tag still submits: one poll, then the job is left to the callback.
            val quick = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 0),
            )
            assertTrue(quick.timedOut)
            assertEquals(before, store.images(tag))
        }
    }

    @Test
    fun `JobTask cancel stops the job and awaitResult throws Cancelled`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        val before = store.images(tag)
        val listener = RecordingListener()
        SmileIdClient(sandbox.config(keepTags = false), store).use { client ->
            val task = client.startJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 600_000),
                listener,
            )
            untilPolling(listener)
            task.cancel()
            val error =
                assertThrows(SmileIdException.Cancelled::class.java) {
                    runBlocking { task.awaitResult() }
                }
            assertEquals("cancelled", error.code)
            assertEquals("cancelled", error.errorCode())
            assertTrue(task.isFinished())
            assertStopped(listener)
            task.cancel() // a second cancel is harmless
            assertEquals(before, store.images(tag), "the tag is untouched")
            assertTrue(client.pendingJobs().any { it.tag == tag })
        }
    }
}
