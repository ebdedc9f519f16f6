package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Bad inputs throw typed exceptions carrying core's stable code and the field to fix. */
class ErrorTest : SandboxTest() {
    private val store: TagStore = tempStore()
    private val tag: String =
        captureFromFiles(store, tag = "good", selfie = Env.face("obama_1.jpg").readBytes())

    private inline fun <reified E : SmileIdException> expect(
        code: String,
        field: String?,
        crossinline block: () -> Unit,
    ): E {
        val error = assertThrows(E::class.java) { block() }
        assertEquals(code, error.errorCode(), error.message)
        assertEquals(field, error.errorField(), error.message)
        assertTrue(error.errorDetail().isNotBlank())
        return error
    }

    private fun submit(params: SubmitJobParams) = SmileIdClient(sandbox.config(), store).use {
        runBlocking { it.submitJob(params) }
    }

    private fun params(jobType: Long = 4) =
        SubmitJobParams(tag = tag, jobType = jobType, jobStatusPollingTimeoutMillis = 10_000)

    @Test
    fun `each bad submitJob parameter names its field`() {
        val kyc = IdInfo(country = "NG", idType = "BVN", idNumber = "00000000000")
        val e =
            expect<SmileIdException.InvalidInput>("invalid_input", "tag") {
                submit(params().copy(tag = "../etc"))
            }
        assertEquals("tag", e.field)
        expect<SmileIdException.UnsupportedJobType>("unsupported_job_type", "job_type") {
            submit(params(jobType = 3))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "partner_params.user_id") {
            submit(params(jobType = 2))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "id_info") {
            submit(params(jobType = 1))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "id_info.id_number") {
            submit(params(jobType = 1).copy(idInfo = kyc.copy(idNumber = "12")))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "callback_url") {
            submit(params().copy(callbackUrl = "ftp://example.com"))
        }
        expect<SmileIdException.InvalidInput>(
            "invalid_input",
            "job_status_polling_timeout_millis",
        ) {
            submit(params().copy(jobStatusPollingTimeoutMillis = -1))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "geo_info.latitude") {
            submit(params().copy(geoInfo = GeoInfo(0.0, 0.0, 91.0, 0.0, "", true)))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "partner_params.job_type") {
            submit(params().copy(partnerParams = PartnerParams(extras = mapOf("job_type" to "1"))))
        }
        expect<SmileIdException.TagNotFound>("tag_not_found", "tag") {
            submit(params().copy(tag = "missing"))
        }
        // None of it touched the tag.
        assertTrue(store.exists(tag))
    }

    @Test
    fun `bad configuration is refused when the client is made`() {
        expect<SmileIdException.InvalidInput>("invalid_input", "partner_id") {
            SmileIdClient(sandbox.config().copy(partnerId = " "), store)
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "auth") {
            SmileIdClient(sandbox.config(auth = Auth.ApiKey("")), store)
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "sandbox_url") {
            SmileIdClient(sandbox.config().copy(sandboxUrl = "not a url"), store)
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "poll_interval_millis") {
            SmileIdClient(sandbox.config().copy(pollIntervalMillis = -5), store)
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "production_url") {
            SmileIdClient(sandbox.config().copy(productionUrl = "ftp://x"), store)
        }
    }

    @Test
    fun `production refuses plain http`() {
        val config = sandbox.config().copy(productionUrl = sandbox.baseUrl)
        expect<SmileIdException.InsecureTransport>("insecure_transport", null) {
            SmileIdClient(config, store).use {
                runBlocking { it.submitJob(params().copy(isProduction = true)) }
            }
        }
    }

    @Test
    fun `the server's refusal is an Api error with its code`() {
        val e = expect<SmileIdException.Api>("api_error", null) {
            SmileIdClient(sandbox.config(auth = Auth.ApiKey("wrong-key")), store).use {
                runBlocking { it.submitJob(params()) }
            }
        }
        assertTrue(e.apiCode.isNotBlank(), e.message)
        assertTrue(e.httpStatus in 400..499, e.message)
    }

    @Test
    fun `a signature provider's failure fails the job`() {
        val failing = object : SignatureProvider {
            override fun signature(partnerId: String): RequestSignature =
                throw SmileIdException.Network(
                    code = "network",
                    field = null,
                    detail = "backend unreachable",
                )
        }
        val e = expect<SmileIdException.Network>("network", null) {
            SmileIdClient(sandbox.config(auth = Auth.SignatureProvider(failing)), store).use {
                runBlocking { it.submitJob(params()) }
            }
        }
        assertTrue(e.detail.contains("backend unreachable"), e.detail)
        val crashing = object : SignatureProvider {
            override fun signature(partnerId: String): RequestSignature =
                throw IllegalStateException("bug in the app")
        }
        expect<SmileIdException.Network>("network", null) {
            SmileIdClient(sandbox.config(auth = Auth.SignatureProvider(crashing)), store).use {
                runBlocking { it.submitJob(params()) }
            }
        }
    }

    @Test
    fun `bad photos and tags`() {
        val scratch = tempStore()
        expect<SmileIdException.InvalidImage>("invalid_image", "selfie") {
            captureFromFiles(
                scratch,
                tag = "nobody",
                selfie = Env.face("no_face_coffee.jpg").readBytes(),
            )
        }
        expect<SmileIdException.InvalidImage>("invalid_image", "selfie") {
            captureFromFiles(
                scratch,
                tag = "two",
                selfie = Env.face("two_faces_composite_obama_biden.jpg").readBytes(),
            )
        }
        expect<SmileIdException.InvalidImage>("invalid_image", "selfie") {
            captureFromFiles(scratch, selfie = byteArrayOf(1, 2, 3))
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "liveness") {
            captureFromFiles(
                scratch,
                selfie = Env.face("obama_1.jpg").readBytes(),
                liveness = listOf(Env.face("obama_2.jpg").readBytes()),
            )
        }
        expect<SmileIdException.InvalidInput>("invalid_input", "options.liveness_frames") {
            captureFromFiles(
                scratch,
                selfie = Env.face("obama_1.jpg").readBytes(),
                options = CaptureOptions(livenessFrames = -1),
            )
        }
        assertTrue(scratch.list().isEmpty(), "failed captures save nothing")
        assertFalse(scratch.exists("nobody"))
        expect<SmileIdException.TagNotFound>("tag_not_found", "tag") { scratch.images("missing") }
        expect<SmileIdException.TagNotFound>("tag_not_found", "tag") { scratch.delete("missing") }
        expect<SmileIdException.InvalidInput>("invalid_input", "tag") { scratch.images("a/b") }
        expect<SmileIdException.TagNotFound>("tag_not_found", "tag") {
            addIdCard(scratch, "missing", IdCardSide.BACK, Env.face("obama_1.jpg").readBytes())
        }
    }

    @Test
    fun `callback verification`() {
        val signed = sign(sandbox.apiKey, sandbox.partnerId)
        val body =
            """{"ResultCode":"0840","ResultText":"Enroll User","SmileJobID":"0000000001",""" +
                """"timestamp":"${signed.timestamp}","signature":"${signed.signature}"}"""
        assertEquals("0840", verifyCallback(sandbox.apiKey, sandbox.partnerId, body).resultCode)
        expect<SmileIdException.SignatureMismatch>("signature_mismatch", null) {
            verifyCallback("other-key", sandbox.partnerId, body)
        }
        expect<SmileIdException.InvalidResponse>("invalid_response", null) {
            verifyCallback(sandbox.apiKey, sandbox.partnerId, "{")
        }
    }
}
