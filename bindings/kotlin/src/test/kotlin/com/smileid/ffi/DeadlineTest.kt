package com.smileid.ffi

import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Notes when the zip upload finished (its last progress event), in nanoseconds. */
class UploadClock : ProgressListener {
    @Volatile var uploadedAt: Long = 0

    override fun onProgress(jobId: String, event: ProgressEvent) {
        if (event is ProgressEvent.Uploading &&
            event.sentBytes == event.totalBytes
        ) {
            uploadedAt = System.nanoTime()
        }
    }

    fun millisSinceUpload(): Long {
        assertTrue(uploadedAt != 0L, "the zip was uploaded")
        return (System.nanoTime() - uploadedAt) / 1_000_000
    }
}

/**
 * The polling timeout is a promise: with job_status failing or stalled on the real sandbox,
 * submitJob returns within the timeout plus one second of the upload, incomplete, with the
 * reason, and the job stays pending (never failed).
 */
abstract class DeadlineTest(faults: String, private val reason: IncompleteReason) :
    SandboxTest(processingDelayMs = 50, faults = faults) {
    @Test
    fun `submitJob returns within the timeout plus one second with the reason`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        SmileIdClient(sandbox.config(), store).use { client ->
            for (timeoutMs in listOf(2_000L, 0L)) {
                val clock = UploadClock()
                val result = client.submitJob(
                    SubmitJobParams(
                        tag = tag,
                        jobType = 4,
                        jobStatusPollingTimeoutMillis = timeoutMs,
                    ),
                    clock,
                )
                val waited = clock.millisSinceUpload()
                assertTrue(
                    waited <= timeoutMs + 1_000,
                    "timeout $timeoutMs ms: returned $waited ms after the upload",
                )
                assertFalse(result.status.jobComplete)
                assertEquals(reason, result.incompleteReason)
                assertEquals(reason == IncompleteReason.TIMED_OUT, result.timedOut)
                assertEquals(
                    JobState.UPLOADED,
                    client.pendingJobs().single {
                        it.jobId ==
                            result.jobId
                    }.state,
                )
            }
        }
    }
}

class StalledStatusTest : DeadlineTest("job_status:delay=30000:1.0", IncompleteReason.TIMED_OUT) {
    /** A stalled job_status and a stalled resume stop at cancel(); the job stays pending. */
    @Test
    fun `startJobStatus and startResumePendingJobs can be cancelled`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        SmileIdClient(sandbox.config(), store).use { client ->
            val left = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 0),
            )
            assertFalse(left.status.jobComplete)

            val status = client.startJobStatus(
                JobRef(jobId = left.jobId, userId = left.userId, jobType = 4),
            )
            delay(300)
            assertFalse(status.isFinished(), "job_status stalls for 30 s")
            status.cancel()
            val error =
                assertThrows(SmileIdException.Cancelled::class.java) {
                    runBlocking { status.awaitResult() }
                }
            assertEquals("cancelled", error.errorCode())
            assertTrue(status.isFinished())

            val resume = client.startResumePendingJobs()
            delay(300)
            assertFalse(resume.isFinished(), "the resumed job polls a stalled job_status")
            resume.cancel()
            assertThrows(SmileIdException.Cancelled::class.java) {
                runBlocking { resume.awaitResult() }
            }
            assertTrue(client.pendingJobs().any { it.jobId == left.jobId }, "the job stays pending")
        }
    }
}

class FailingStatusTest : DeadlineTest("job_status:503:1.0", IncompleteReason.STATUS_UNAVAILABLE)
