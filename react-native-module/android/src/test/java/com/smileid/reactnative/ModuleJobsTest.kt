package com.smileid.reactnative

import org.json.JSONArray
import org.json.JSONObject
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.ClassRule
import org.junit.Test
import java.io.File
import java.util.UUID

/**
 * JSON as the TS layer sends it → the module → the uniffi bindings → the real Rust library →
 * the sandbox over HTTP → the envelope JS receives: photo capture, then JT4, JT2 (positional)
 * and JT1, with progress events. The documents' every field is tested once, in Rust; here the
 * module's forwarding of each call and event.
 */
class ModuleJobsTest {
    companion object {
        @ClassRule @JvmField
        val sandbox = SandboxRule()
    }

    private fun RnSmileIdModule.call(block: RnSmileIdModule.(TestPromise) -> Unit) =
        TestPromise().also { block(it) }

    @Test
    fun `capture from files, then enrolment, authentication and Biometric KYC`() {
        val host = TestHost()
        val m = RnSmileIdModule(TestContext(), host)
        assertEquals(JSONObject.NULL, m.call { configure(sandbox.configure(), it) }.ok())

        val uri = File(Env.face("obama_1.jpg").path).toURI().toString()
        val photo = json("selfie" to uri, "tag" to "obama").toString()
        val captured = m.call { captureSelfieFromFiles(photo, it) }.okObject()
        assertEquals("obama", captured.getString("tag"))
        assertEquals(7, captured.getJSONArray("livenessPaths").length())
        assertTrue(File(captured.getString("selfiePath")).isFile)
        assertEquals("[\"obama\"]", m.call { getCurrentTags(it) }.ok().toString())
        val images = m.call { getImagesForTag("obama", it) }.okObject()
        assertEquals(captured.getString("selfiePath"), images.getString("selfie"))
        // A photo picker's content:// URI, read through the host (ContentResolver on a device).
        val picked = json("selfie" to "content://faces/obama_2.jpg", "tag" to "picked").toString()
        assertEquals("picked", m.call { captureSelfieFromFiles(picked, it) }.okObject()["tag"])
        m.call { deleteTag("picked", it) }.ok()

        val userId = "user-" + UUID.randomUUID()
        val partner = json("user_id" to userId, "my_ref" to "A-17")
        val enrol = json(
            "tag" to "obama",
            "jobType" to 4,
            "partnerParams" to partner,
            "jobStatusPollingTimeoutMillis" to 30_000,
        )
        val jt4 = m.call { submitJob(args(enrol), it) }.okObject()
        assertEquals("0840", jt4.getString("ResultCode"))
        assertEquals("A-17", jt4.getJSONObject("PartnerParams").getString("my_ref"))
        assertEquals("Passed", jt4.getJSONObject("Actions").getString("Liveness_Check"))
        assertEquals(
            jt4.getString("SmileJobID"),
            JSONObject(jt4.getString("raw")).getJSONObject("result").getString("SmileJobID"),
        )

        // Every event names the job; they come in order and end with done.
        val jobId = jt4.getString("jobId")
        val events = host.progress()
        assertTrue(events.all { it.getString("jobId") == jobId })
        val types = events.map { it.getString("type") }
        assertEquals(listOf("authenticating", "preparing"), types.take(2))
        assertEquals("done", types.last())
        val uploads = events.filter {
            it.getString("type") == "uploading"
        }.map { it.getInt("percent") }
        assertEquals(100, uploads.last())

        // Every request went through React Native's OkHttp client (the app's factory).
        val seen = AppHttp.seen(sandbox.port)
        assertTrue("$seen", "POST /v1/upload 200" in seen && "POST /v1/job_status 200" in seen)
        assertTrue("$seen", seen.any { it.startsWith("PUT ") && it.endsWith(" 200") })

        // rn-smile-id's positional form.
        val auth = args("obama", 2, false, json("user_id" to userId), null, null, "", 30_000)
        assertEquals("0820", m.call { submitJob(auth, it) }.okObject().getString("ResultCode"))

        val id = json("country" to "NG", "id_type" to "BVN", "id_number" to "00000000000")
        val kyc = json(
            "tag" to "obama",
            "jobType" to 1,
            "idInfo" to id,
            "jobStatusPollingTimeoutMillis" to 30_000,
        )
        val jt1 = m.call { submitJob(args(kyc), it) }.okObject()
        assertEquals(
            listOf("0810", "NG", "BVN"),
            listOf("ResultCode", "Country", "IDType").map(jt1::getString),
        )

        m.call { deleteTag("obama", it) }.ok()
        assertEquals(JSONArray().toString(), m.call { getCurrentTags(it) }.ok().toString())
        m.invalidate()
    }

    @Test
    fun `documents, Enhanced SmartSelfie and the look-ups`() {
        val m = RnSmileIdModule(TestContext(), TestHost())
        m.call { configure(sandbox.configure(), it) }.ok()
        val photo = json("selfie" to Env.face("obama_1.jpg").path, "tag" to "doc").toString()
        m.call { captureSelfieFromFiles(photo, it) }.okObject()
        val front = Env.document("specimen_front_photo.jpg").path
        val options = json("tag" to "doc", "front" to front).toString()
        val document = m.call { captureDocumentFromFiles(options, it) }.okObject()
        assertTrue(File(document.getString("frontPath")).isFile)
        val passport = json("country" to "NG", "idType" to "PASSPORT")
        val jt6 = json("tag" to "doc", "jobType" to 6, "idInfo" to passport)
        val result = m.call {
            submitJob(args(jt6.put("jobStatusPollingTimeoutMillis", 30_000)), it)
        }
        assertEquals("0810", result.okObject().getString("ResultCode"))

        val enrol = json("tag" to "doc", "jobType" to 4, "enhanced" to true)
        val v2 = m.call { submitJob(args(enrol), it) }.okObject()
        assertEquals(
            listOf("approved", "true"),
            listOf(v2.getString("status"), v2.getString("enhanced")),
        )

        val services = m.call { services("{}", it) }.okObject().getJSONObject("hosted_web")
        assertTrue(services.getJSONObject("doc_verification").has("NG"))
        val config = m.call { productsConfig("{}", it) }.okObject()
        assertTrue(config.getJSONObject("idSelection").has("enhanced_kyc"))
        val documents = m.call { validDocuments("{}", it) }.okObject()
        assertTrue(documents.getJSONArray("valid_documents").length() > 0)
        m.invalidate()
    }
}
