package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Progress events arrive in order: authenticating, preparing, upload %, each poll, done. */
class ProgressTest : SandboxTest(processingDelayMs = 300) {
    private fun phase(e: ProgressEvent): Int = when (e) {
        is ProgressEvent.Authenticating -> 0
        is ProgressEvent.Preparing -> 1
        is ProgressEvent.Uploading -> 2
        is ProgressEvent.Polling -> 3
        is ProgressEvent.Done -> 4
    }

    private fun assertInOrder(jobId: String, recorded: List<Pair<String, ProgressEvent>>) {
        assertTrue(recorded.all { it.first == jobId }, "every event names the job: $recorded")
        val events = recorded.map { it.second }
        val phases = events.map(::phase)
        assertEquals(phases.sorted(), phases, "phases never go back: $events")
        assertEquals(listOf(0, 1, 2, 3, 4), phases.distinct(), "every phase is reported: $events")
        assertEquals(1, phases.count { it == 0 })
        assertEquals(1, phases.count { it == 1 })
        assertEquals(ProgressEvent.Done(jobComplete = true, jobSuccess = true), events.last())

        val uploads = events.filterIsInstance<ProgressEvent.Uploading>()
        assertTrue(
            uploads.zipWithNext().all { (a, b) ->
                a.sentBytes <= b.sentBytes &&
                    a.percent <= b.percent
            },
            "upload grows: $uploads",
        )
        assertEquals(uploads.last().totalBytes, uploads.last().sentBytes)
        assertEquals(100, uploads.last().percent)
        assertTrue(uploads.all { it.totalBytes == uploads.first().totalBytes && it.totalBytes > 0 })

        val polls = events.filterIsInstance<ProgressEvent.Polling>()
        assertEquals(
            (1..polls.size).toList(),
            polls.map {
                it.attempt
            },
            "polls count from 1: $polls",
        )
        assertTrue(polls.last().jobComplete)
        assertTrue(polls.dropLast(1).none { it.jobComplete })
    }

    @Test
    fun `submitJob reports every step in order`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        val listener = RecordingListener()
        SmileIdClient(sandbox.config(), store).use { client ->
            val result = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 30_000),
                listener,
            )
            assertInOrder(result.jobId, listener.snapshot())
            // The sandbox keeps the job processing for 300 ms and we poll every 50 ms.
            assertTrue(listener.snapshot().count { it.second is ProgressEvent.Polling } > 1)
        }
    }

    @Test
    fun `startJob reports the same steps and its handle returns the result`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        val listener = RecordingListener()
        SmileIdClient(sandbox.config(), store).use { client ->
            val jobId = "job-progress-" + System.nanoTime()
            val task = client.startJob(
                SubmitJobParams(
                    tag = tag,
                    jobType = 4,
                    partnerParams = PartnerParams(jobId = jobId),
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
                listener,
            )
            val result = task.awaitResult()
            assertEquals(jobId, result.jobId)
            assertTrue(task.isFinished())
            // A second await returns the same result.
            assertEquals(result, task.awaitResult())
            assertInOrder(jobId, listener.snapshot())
        }
    }
}
