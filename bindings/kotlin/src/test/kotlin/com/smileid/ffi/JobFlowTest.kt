package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.util.UUID

/**
 * Photo capture → JT4 → JT2 → JT1 against the sandbox, in every auth mode, with tags released as
 * in production (deleted once no pending job needs them).
 */
class JobFlowTest : SandboxTest() {
    @Test
    fun `photo capture, then enrolment, authentication and Biometric KYC`() = runBlocking {
        val store = tempStore()
        val tag =
            captureFromFiles(store, tag = "obama", selfie = Env.face("obama_1.jpg").readBytes())
        assertEquals("obama", tag)
        val images = store.images(tag)
        assertNotNull(images.selfie)
        assertEquals(7, images.liveness.size)
        assertTrue(images.liveness.all { File(it).isFile })
        assertEquals(listOf("obama"), store.list().map { it.tag })
        assertEquals("files", store.list().single().source)

        SmileIdClient(sandbox.config(keepTags = false), store).use { client ->
            val userId = "user-" + UUID.randomUUID()
            val authParams =
                SubmitJobParams(
                    tag = tag,
                    jobType = 2,
                    partnerParams = PartnerParams(jobId = "auth-$userId", userId = userId),
                    jobStatusPollingTimeoutMillis = 30_000,
                )
            val kycParams = SubmitJobParams(
                tag = tag,
                jobType = 1,
                partnerParams = PartnerParams(jobId = "kyc-$userId", userId = userId),
                idInfo = IdInfo(country = "NG", idType = "BVN", idNumber = "00000000000"),
                geoInfo = GeoInfo(
                    accuracy = 10.0,
                    altitude = 20.0,
                    latitude = 6.5,
                    longitude = 3.4,
                    lastUpdate = "2025-06-15T12:00:00Z",
                    isGeoPermissionGranted = true,
                ),
                jobStatusPollingTimeoutMillis = 30_000,
            )
            // Queued first, jobs 2 and 1 hold the tag until the last of them succeeds.
            assertEquals("auth-$userId", client.enqueueJob(authParams))
            assertEquals("kyc-$userId", client.enqueueJob(kycParams))

            val enrol = client.submitJob(
                SubmitJobParams(
                    tag = tag,
                    jobType = 4,
                    partnerParams = PartnerParams(
                        userId = userId,
                        extras = mapOf("my_ref" to "A-17"),
                    ),
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
            )
            assertEquals(4L, enrol.jobType)
            assertEquals(userId, enrol.userId)
            assertTrue(enrol.jobId.startsWith("job-"), "a job id is generated: ${enrol.jobId}")
            assertFalse(enrol.timedOut)
            assertEquals(null, enrol.incompleteReason)
            assertTrue(enrol.status.jobComplete && enrol.status.jobSuccess)
            assertTrue(store.exists(tag), "jobs 2 and 1 still need the tag")
            val enrolled = enrol.status.result!!
            assertEquals("0840", enrolled.resultCode)
            assertEquals("Enroll User", enrolled.resultText)
            assertEquals("Passed", enrolled.actions["Liveness_Check"])
            assertEquals("A-17", enrolled.partnerParams["my_ref"])
            assertEquals("4", enrolled.partnerParams["job_type"])
            assertEquals(enrol.smileJobId, enrolled.smileJobId)
            // The typed fields, the JSON object and the raw body agree.
            assertEquals("0840", JSONObject(enrolled.json).getString("ResultCode"))
            val raw = JSONObject(enrol.status.raw)
            assertEquals(enrolled.smileJobId, raw.getJSONObject("result").getString("SmileJobID"))
            assertEquals(enrol.status.code, JSONObject(enrol.status.json).get("code").toString())

            val auth = client.submitJob(authParams)
            assertEquals("0820", auth.status.result!!.resultCode)
            assertTrue(store.exists(tag), "job 1 still needs the tag")
            assertEquals("Passed", auth.status.result!!.actions["Liveness_Check"])

            val front =
                addIdCard(store, tag, IdCardSide.FRONT, Env.face("grace_hopper.jpg").readBytes())
            assertEquals(front, store.images(tag).idCardFront)
            val kyc = client.submitJob(kycParams)
            val verified = kyc.status.result!!
            assertEquals("0810", verified.resultCode)
            assertEquals("Verified", verified.actions["Verify_ID_Number"])
            assertEquals("Joe Leo Doe", verified.fullName)
            assertEquals("NG", verified.country)
            assertEquals("BVN", verified.idType)

            // The journal knows all three and has nothing pending; jobStatus asks again.
            assertTrue(client.pendingJobs().isEmpty())
            val again = client.jobStatus(JobRef(jobId = kyc.jobId, userId = userId, jobType = 1))
            assertEquals("0810", again.result!!.resultCode)

            // Released once its last job succeeded; a new job on it says so.
            assertFalse(store.exists(tag))
            val released = assertThrows(SmileIdException.TagNotFound::class.java) {
                runBlocking {
                    client.submitJob(
                        SubmitJobParams(
                            tag = tag,
                            jobType = 2,
                            partnerParams = PartnerParams(userId = userId),
                            jobStatusPollingTimeoutMillis = 0,
                        ),
                    )
                }
            }
            assertTrue(
                released.errorDetail().contains("after job kyc-$userId succeeded"),
                released.errorDetail(),
            )
        }
    }

    @Test
    fun `auth token mode`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_2.jpg").readBytes())
        SmileIdClient(
            sandbox.config(auth = Auth.AuthToken(sandbox.authToken), keepTags = false),
            store,
        ).use { client ->
            val result = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 30_000),
            )
            assertEquals("0840", result.status.result!!.resultCode)
        }
        // By default a succeeded job's tag is released.
        assertFalse(store.exists(tag))
    }

    @Test
    fun `signature provider mode signs on the partner's side`() = runBlocking {
        val store = tempStore()
        val tag = captureFromFiles(store, selfie = Env.face("obama_3.jpg").readBytes())
        val calls = mutableListOf<String>()
        val backend = object : SignatureProvider {
            override fun signature(partnerId: String): RequestSignature {
                synchronized(calls) { calls.add(Thread.currentThread().name) }
                return sign(sandbox.apiKey, partnerId)
            }
        }
        SmileIdClient(sandbox.config(auth = Auth.SignatureProvider(backend)), store).use { client ->
            val result = client.submitJob(
                SubmitJobParams(tag = tag, jobType = 4, jobStatusPollingTimeoutMillis = 30_000),
            )
            assertEquals("0840", result.status.result!!.resultCode)
        }
        assertTrue(calls.isNotEmpty(), "the provider was asked for a signature")
    }
}

/** What a partner's backend does: HMAC-SHA256 over timestamp + partner id + "sid_request". */
fun sign(apiKey: String, partnerId: String): RequestSignature {
    val timestamp = java.time.Instant.now().toString()
    val mac = javax.crypto.Mac.getInstance("HmacSHA256")
    mac.init(javax.crypto.spec.SecretKeySpec(apiKey.toByteArray(), "HmacSHA256"))
    mac.update(timestamp.toByteArray())
    mac.update(partnerId.toByteArray())
    mac.update("sid_request".toByteArray())
    return RequestSignature(
        signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal()),
        timestamp = timestamp,
    )
}
