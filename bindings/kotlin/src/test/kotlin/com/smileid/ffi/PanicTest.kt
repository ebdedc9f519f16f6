package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * A Rust panic becomes an exception in Kotlin, never a crash, and the library keeps working
 * (the test-hooks feature exports functions that panic).
 */
class PanicTest : SandboxTest() {
    @Test
    fun `a panic in a call throws and the library keeps working`() {
        repeat(3) {
            val e = assertThrows(InternalException::class.java) { testHookPanic("boom $it") }
            assertTrue(e.message!!.contains("boom $it"), e.message)
        }
        val e =
            assertThrows(SmileIdException.Internal::class.java) {
                runBlocking { testHookPanicAsync("bang") }
            }
        assertEquals("internal", e.errorCode())
        assertTrue(e.detail.contains("bang"), e.detail)

        // Still alive: a sync call, then a whole job on the library's runtime.
        assertTrue(libraryVersion().isNotBlank())
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        SmileIdClient(sandbox.config(), store).use { client ->
            val result =
                runBlocking {
                    client.submitJob(
                        SubmitJobParams(
                            tag = tag,
                            jobType = 4,
                            jobStatusPollingTimeoutMillis = 30_000,
                        ),
                    )
                }
            assertEquals("0840", result.status.result!!.resultCode)
        }
    }

    @Test
    fun `an exception thrown by a progress listener fails the job, not the process`() {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        val throwing = object : ProgressListener {
            override fun onProgress(jobId: String, event: ProgressEvent) {
                if (event is ProgressEvent.Preparing) throw IllegalStateException("listener bug")
            }
        }
        SmileIdClient(sandbox.config(), store).use { client ->
            val e = assertThrows(SmileIdException.Internal::class.java) {
                runBlocking {
                    client.submitJob(
                        SubmitJobParams(
                            tag = tag,
                            jobType = 4,
                            jobStatusPollingTimeoutMillis = 30_000,
                        ),
                        throwing,
                    )
                }
            }
            assertEquals("internal", e.code)
            assertTrue(store.exists(tag))
            // The same client runs the next job.
            val ok =
                runBlocking {
                    client.submitJob(
                        SubmitJobParams(
                            tag = tag,
                            jobType = 4,
                            jobStatusPollingTimeoutMillis = 30_000,
                        ),
                    )
                }
            assertEquals("0840", ok.status.result!!.resultCode)
        }
    }
}
