package com.smileid.reactnative

import okhttp3.CertificatePinner
import org.json.JSONArray
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test
import java.util.Base64
import java.util.UUID

/**
 * The module's requests on React Native's shared OkHttp client, the one the app's factory made
 * ([AppHttp]): jobs through the sandbox's fault injection, over https with its certificate trusted
 * by that client, with certificate pins from `configure`, which checks them first.
 */
class ModuleOkHttpTest {
    companion object {
        @ClassRule @JvmField
        val faulty = SandboxRule(
            processingDelayMs = 50,
            faults = "job_status:503:0.25,job_status:reset:0.25,job_status:truncate:0.25," +
                "put:reset:0.5,upload:truncate:0.5",
        )

        @ClassRule @JvmField
        val https = SandboxRule(processingDelayMs = 50, tls = true)
    }

    /** A module configured for [sandbox] with [extra] options, with a photo under tag "me". */
    private fun configured(
        sandbox: SandboxRule,
        vararg extra: Pair<String, Any?>,
    ): RnSmileIdModule {
        val m = RnSmileIdModule(TestContext(), TestHost())
        TestPromise().also { m.configure(sandbox.configure(*extra), it) }.ok()
        val photo = json("selfie" to Env.face("obama_1.jpg").path, "tag" to "me").toString()
        TestPromise().also { m.captureSelfieFromFiles(photo, it) }.ok()
        return m
    }

    private fun RnSmileIdModule.submit(jobType: Int, userId: String) = TestPromise().also {
        val job = json(
            "tag" to "me",
            "jobType" to jobType,
            "partnerParams" to json("user_id" to userId),
            "jobStatusPollingTimeoutMillis" to 30_000,
        )
        submitJob(args(job), it)
    }

    private fun pins(vararg keys: String) = json("127.0.0.1" to JSONArray(keys))

    @Test
    fun `jobs succeed through resets, 503s and truncated bodies`() {
        val m = configured(faulty)
        val r = m.submit(4, "user-" + UUID.randomUUID()).okObject()
        assertEquals("0840", r.getString("ResultCode"))
        val seen = AppHttp.seen(faulty.port)
        assertTrue("a 503 was retried: $seen", "POST /v1/job_status 503" in seen)
        assertTrue("a reset or a truncation was retried: $seen", seen.any { "broken" in it })
        m.invalidate()
    }

    @Test
    fun `https through the app's trust, then with a matching pin`() {
        val userId = "user-" + UUID.randomUUID()
        val before = AppHttp.seen(https.port).size
        val m = configured(https)
        assertEquals("0840", m.submit(4, userId).okObject().getString("ResultCode"))
        val pin = CertificatePinner.pin(https.certificate)
        TestPromise().also {
            m.configure(https.configure("certificatePins" to pins(pin)), it)
        }.ok()
        assertEquals("0820", m.submit(2, userId).okObject().getString("ResultCode"))
        val seen = AppHttp.seen(https.port).drop(before)
        assertEquals("$seen", 2, seen.count { it == "POST /v1/upload 200" })
        m.invalidate()
    }

    @Test
    fun `a wrong pin fails the job at its first request, with a network error saying so`() {
        val wrong = "sha256/" + "A".repeat(43) + "="
        val m = configured(https, "certificatePins" to pins(wrong))
        val before = AppHttp.seen(https.port).size
        val e = m.submit(4, "user-" + UUID.randomUUID()).error()
        assertEquals("network", e.getString("code"))
        assertTrue(e.toString(), e.getString("message").contains("certificate pin failed"))
        // One connection, refused at its pin: neither retried nor sent.
        val asked = AppHttp.seen(https.port).drop(before)
        assertEquals("$asked", 2, asked.size)
        assertTrue("$asked", asked[0].endsWith(" connect"))
        assertTrue("$asked", asked[1].contains(" failed: Certificate pinning failure"))
        // The job waits for another network: pending, never sent.
        val pending = TestPromise().also { m.pendingJobs(it) }.ok() as JSONArray
        assertEquals("$pending", 1, pending.length())
        assertEquals("$pending", "captured", pending.getJSONObject(0).getString("state"))
        m.invalidate()
    }

    @Test
    fun `configure names a malformed pin and refuses extra root certificates`() {
        val m = RnSmileIdModule(TestContext(), TestHost())
        val typo = json("api.example.com" to JSONArray(listOf("sha256/AAA")))
        val e = TestPromise().also {
            m.configure(https.configure("certificatePins" to typo), it)
        }.error()
        assertEquals("certificate_pins[\"api.example.com\"]", e.getString("field"))
        val pem = "-----BEGIN CERTIFICATE-----\n" +
            Base64.getMimeEncoder().encodeToString(https.certificate.encoded) +
            "\n-----END CERTIFICATE-----\n"
        val roots = TestPromise().also {
            m.configure(https.configure("extraRootCertificatesPem" to JSONArray(listOf(pem))), it)
        }.error()
        assertEquals("extra_root_certificates_pem", roots.getString("field"))
        assertTrue(roots.toString(), roots.getString("message").contains("network security config"))
        m.invalidate()
    }
}
