package com.smileid.reactnative

import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test
import java.util.UUID

/**
 * Errors reach JS as the bridge's documents (code, field, message), the signature provider
 * answers through events, and the bundled smile_config.json configures the module.
 */
class ModuleErrorsTest {
    companion object {
        @ClassRule @JvmField
        val sandbox = SandboxRule()
    }

    private fun configured(host: TestHost = TestHost()): RnSmileIdModule =
        RnSmileIdModule(TestContext(), host).also { m ->
            TestPromise().also { m.configure(sandbox.configure(), it) }.ok()
        }

    @Test
    fun `bad input names the field, a missing tag its code`() {
        val m = configured()
        val bad = TestPromise().also { m.submitJob(args("t", 4, null, json("my_ref" to 7)), it) }
        val e = bad.error()
        assertEquals(
            listOf("invalid_input", "partner_params.my_ref"),
            listOf(e.getString("code"), e.getString("field")),
        )
        val missing = TestPromise().also {
            m.submitJob(args(json("tag" to "nobody", "jobType" to 4)), it)
        }
        assertEquals("tag_not_found", missing.error().getString("code"))
        val camera = TestPromise().also { m.captureSelfie(json("tag" to "../x").toString(), it) }
        assertEquals("tag", camera.error().getString("field"))
        val photo = TestPromise().also {
            m.captureSelfieFromFiles(json("selfie" to "content://media/1").toString(), it)
        }
        assertEquals("selfie", photo.error().getString("field"))
        m.invalidate()
    }

    @Test
    fun `the bundled smile_config json configures the module`() {
        val bundled = json(
            "partner_id" to sandbox.partnerId,
            "auth_token" to sandbox.authToken,
            "test_lambda_url" to sandbox.baseUrl,
        ).toString()
        val m = RnSmileIdModule(TestContext(), TestHost(bundled = bundled))
        val photo = json("selfie" to Env.face("obama_1.jpg").path, "tag" to "bundled").toString()
        TestPromise().also { m.captureSelfieFromFiles(photo, it) }.ok()
        val job =
            json("tag" to "bundled", "jobType" to 4, "jobStatusPollingTimeoutMillis" to 30_000)
        val r = TestPromise().also { m.submitJob(args(job), it) }.okObject()
        assertEquals("0840", r.getString("ResultCode"))
        val none = RnSmileIdModule(TestContext(), TestHost())
        val e = TestPromise().also { none.submitJob(args(job), it) }.error()
        assertEquals("partner_id", e.getString("field"))
        m.invalidate()
        none.invalidate()
    }

    @Test
    fun `a signature function in JS signs the job through events`() {
        lateinit var m: RnSmileIdModule
        val host = TestHost(onEvent = { name, body ->
            if (name == "onSignatureRequest") {
                val signed = Signatures.sign(sandbox.apiKey, body.getString("partnerId"))
                m.resolveSignature(body.getString("requestId"), signed.first, signed.second)
            }
        })
        m = RnSmileIdModule(TestContext(), host)
        val config = sandbox.configure("authToken" to null, "signatureProvider" to true)
        TestPromise().also { m.configure(config, it) }.ok()
        val photo = json("selfie" to Env.face("obama_1.jpg").path, "tag" to "signed").toString()
        TestPromise().also { m.captureSelfieFromFiles(photo, it) }.ok()
        val partner = json("user_id" to "u-" + UUID.randomUUID())
        val job = json(
            "tag" to "signed",
            "jobType" to 4,
            "partnerParams" to partner,
            "jobStatusPollingTimeoutMillis" to 30_000,
        )
        assertEquals(
            "0840",
            TestPromise().also {
                m.submitJob(args(job), it)
            }.okObject().getString("ResultCode"),
        )
        assertTrue(host.received.any { it.first == "onSignatureRequest" })

        // A refusing signature function fails the job with a network error saying why.
        host.onEvent = { name, body ->
            if (name ==
                "onSignatureRequest"
            ) {
                m.rejectSignature(body.getString("requestId"), "backend down")
            }
        }
        val refused = TestPromise().also { m.submitJob(args(job), it) }.error()
        assertEquals("network", refused.getString("code"))
        assertTrue(refused.getString("message").contains("backend down"))
        m.invalidate()
    }
}
