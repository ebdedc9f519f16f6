package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.OkHttpClient
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.IOException
import java.util.Collections
import java.util.UUID
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * An OkHttp client that notes each request's method and path with the status it got, each
 * attempt on the network that failed, and each call that failed with why, through OkHttp's own
 * interceptors and event listener.
 */
class ObservedOkHttp {
    val answers: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val failures: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val cancelled = CountDownLatch(1)
    val statusSent = CountDownLatch(1)

    val client: OkHttpClient = OkHttpClient.Builder()
        .addInterceptor { chain ->
            val request = chain.request()
            val response = chain.proceed(request)
            answers.add("${request.method} ${request.url.encodedPath} ${response.code}")
            response
        }
        .addNetworkInterceptor { chain ->
            try {
                chain.proceed(chain.request())
            } catch (e: IOException) {
                failures.add("${chain.request().method} failed: ${e.message}")
                throw e
            }
        }
        .eventListener(
            object : EventListener() {
                override fun callStart(call: Call) {
                    if (call.request().url.encodedPath == "/v1/job_status") statusSent.countDown()
                }

                override fun callFailed(call: Call, ioe: IOException) {
                    failures.add(ioe.message ?: ioe.javaClass.simpleName)
                    if (call.isCanceled()) cancelled.countDown()
                }
            },
        )
        .build()

    fun snapshot(): List<String> = synchronized(answers) { answers.toList() }
}

/** Enrolment then authentication of a new user from the photo [face], each job checked. */
suspend fun enrolThenAuthenticate(config: ClientConfig, face: String) {
    val store = tempStore()
    val tag = captureFromFiles(store, selfie = Env.face(face).readBytes())
    val user = PartnerParams(userId = "user-" + UUID.randomUUID())
    SmileIdClient(config, store).use { client ->
        for (jobType in listOf(4L, 2L)) submitChecked(client, tag, jobType, user)
    }
}

/** Runs a job to success, its upload reported up to the last byte. */
private suspend fun submitChecked(
    client: SmileIdClient,
    tag: String,
    jobType: Long,
    user: PartnerParams,
) {
    val listener = RecordingListener()
    val result = client.submitJob(
        SubmitJobParams(
            tag = tag,
            jobType = jobType,
            partnerParams = user,
            jobStatusPollingTimeoutMillis = 30_000,
        ),
        listener,
    )
    assertTrue(result.status.jobComplete && result.status.jobSuccess, result.status.raw)
    val uploads = listener.snapshot().map { it.second }.filterIsInstance<ProgressEvent.Uploading>()
    assertTrue(uploads.last().let { up -> up.sentBytes == up.totalBytes && up.totalBytes > 0 })
}

/** SmartSelfie jobs whose every request goes through OkHttp, against the real sandbox. */
class OkHttpTransportTest : SandboxTest(processingDelayMs = 50) {
    @Test
    fun `enrolment and authentication run through OkHttp`() = runBlocking {
        val okHttp = ObservedOkHttp()
        val config = sandbox.config().copy(transport = OkHttpTransport(okHttp.client))
        enrolThenAuthenticate(config, "obama_1.jpg")
        val seen = okHttp.snapshot()
        assertEquals(2, seen.count { it == "POST /v1/upload 200" }, "$seen")
        assertEquals(2, seen.count { it.startsWith("PUT ") && it.endsWith(" 200") }, "$seen")
        assertTrue(seen.any { it == "POST /v1/job_status 200" }, "$seen")
        assertTrue(okHttp.failures.isEmpty(), "${okHttp.failures}")
    }

    @Test
    fun `a closed port is a network error naming the host`() = runBlocking {
        val port = java.net.ServerSocket(0).use { it.localPort }
        val config = sandbox.config().copy(
            sandboxUrl = "http://127.0.0.1:$port/v1",
            retry = RetryPolicy(budgetMillis = 0, initialDelayMillis = 0, maxDelayMillis = 0),
            transport = OkHttpTransport(),
        )
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        SmileIdClient(config, store).use { client ->
            val params = SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 0)
            val error = assertThrows(SmileIdException.Network::class.java) {
                runBlocking { client.submitJob(params) }
            }
            assertEquals("network", error.errorCode())
            val detail = error.errorDetail()
            assertTrue(detail.contains("127.0.0.1:$port refused the connection"), detail)
        }
    }
}

/**
 * Under the sandbox's fault injection (503s, resets and truncated answers on job_status, resets
 * of the zip upload, truncated prep_upload answers) jobs through OkHttp still succeed.
 */
class OkHttpFaultTest :
    SandboxTest(
        processingDelayMs = 50,
        faults = "job_status:503:0.25,job_status:reset:0.25,job_status:truncate:0.25," +
            "put:reset:0.5,upload:truncate:0.5",
    ) {
    @Test
    fun `jobs succeed through 503s, resets and truncated bodies`() = runBlocking {
        val okHttp = ObservedOkHttp()
        val config = sandbox.config().copy(transport = OkHttpTransport(okHttp.client))
        enrolThenAuthenticate(config, "obama_2.jpg")
        val seen = okHttp.snapshot()
        assertTrue(seen.any { it == "POST /v1/job_status 503" }, "a 503 was retried: $seen")
        assertTrue(okHttp.failures.isNotEmpty(), "a reset or truncation was retried: $seen")
    }
}

/**
 * A stalled job_status through OkHttp: the job's deadline holds and the OkHttp call in flight is
 * cancelled; a cancelled status task cancels its call too. Every client here has OkHttp as its
 * transport, as in the mobile build, which has none of its own.
 */
class OkHttpStalledStatusTest :
    SandboxTest(
        processingDelayMs = 50,
        faults = "job_status:delay=30000:1.0",
    ) {
    @Test
    fun `the deadline holds and the stalled call is cancelled`() = runBlocking {
        val okHttp = ObservedOkHttp()
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_1.jpg").readBytes())
        val config = sandbox.config().copy(transport = OkHttpTransport(okHttp.client))
        SmileIdClient(config, store).use { client ->
            val clock = UploadClock()
            val result = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 1_000),
                clock,
            )
            val waited = clock.millisSinceUpload()
            assertTrue(waited < 30_000, "returned before the stalled answer: $waited ms")
            assertFalse(result.status.jobComplete)
            assertEquals(IncompleteReason.TIMED_OUT, result.incompleteReason)
            assertTrue(okHttp.cancelled.await(10, TimeUnit.SECONDS), "${okHttp.failures}")
        }
    }

    @Test
    fun `cancelling a status task cancels its OkHttp call`() = runBlocking {
        val okHttp = ObservedOkHttp()
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        val setUp = sandbox.config().copy(transport = OkHttpTransport())
        val left = SmileIdClient(setUp, store).use { client ->
            client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 0),
            )
        }
        val config = sandbox.config().copy(transport = OkHttpTransport(okHttp.client))
        SmileIdClient(config, store).use { client ->
            val status = client.startJobStatus(
                JobRef(jobId = left.jobId, userId = left.userId, jobType = 4),
            )
            assertTrue(okHttp.statusSent.await(10, TimeUnit.SECONDS), "job_status was sent")
            assertFalse(status.isFinished(), "job_status stalls for 30 s")
            status.cancel()
            assertThrows(SmileIdException.Cancelled::class.java) {
                runBlocking { status.awaitResult() }
            }
            assertTrue(okHttp.cancelled.await(10, TimeUnit.SECONDS), "${okHttp.failures}")
        }
    }
}
