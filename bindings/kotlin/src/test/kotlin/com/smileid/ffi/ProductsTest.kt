package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Document Verification (jobs 6 and 11), Enhanced SmartSelfie (v2) and the look-ups a form needs,
 * against the sandbox with the specimen document photos and real faces.
 */
class ProductsTest : SandboxTest(processingDelayMs = 0) {
    private fun selfieTag(store: TagStore, photo: String) =
        captureFromFiles(store, selfie = Env.face(photo).readBytes())

    @Test
    fun `document photos are checked, then jobs 6 and 11 read the document`() = runBlocking {
        val store = tempStore()
        val tag = selfieTag(store, "obama_1.jpg")
        val small = assertThrows(SmileIdException.InvalidImage::class.java) {
            captureDocumentFromFiles(
                store,
                tag,
                Env.document("specimen_front_small.jpg").readBytes(),
            )
        }
        assertEquals("front", small.errorField(), small.message)
        val blurred = assertThrows(SmileIdException.InvalidImage::class.java) {
            captureDocumentFromFiles(
                store,
                tag,
                Env.document("specimen_front.jpg").readBytes(),
                back = Env.document("specimen_front_blurred.jpg").readBytes(),
            )
        }
        assertEquals("back", blurred.errorField(), blurred.message)
        val images = captureDocumentFromFiles(
            store,
            tag,
            Env.document("specimen_front_photo.jpg").readBytes(),
            back = Env.document("specimen_back.jpg").readBytes(),
        )
        assertNotNull(images.idCardFront)
        assertNotNull(images.idCardBack)

        SmileIdClient(sandbox.config(), store).use { client ->
            for (jobType in listOf(6L, 11L)) {
                val result = client.submitJob(
                    SubmitJobParams(
                        tag = tag,
                        jobType = jobType,
                        idInfo = IdInfo(country = "NG", idType = "PASSPORT"),
                        jobStatusPollingTimeoutMillis = 30_000,
                    ),
                )
                val jobResult = result.status.result!!
                assertEquals("0810", jobResult.resultCode, result.status.raw)
                val document = documentFields(jobResult)
                assertEquals("PASSPORT", document.idType)
                assertEquals("Passed", document.documentCheck)
                assertNotNull(document.expirationDate)
                assertEquals(
                    if (jobType ==
                        11L
                    ) {
                        "Verified"
                    } else {
                        "Not Applicable"
                    },
                    document.verifyDocument,
                )
            }
            val noIdInfo = assertThrows(SmileIdException.InvalidInput::class.java) {
                runBlocking {
                    client.submitJob(
                        SubmitJobParams(tag = tag, jobType = 6, jobStatusPollingTimeoutMillis = 0),
                    )
                }
            }
            assertEquals("id_info", noIdInfo.errorField())
        }
    }

    @Test
    fun `enhanced SmartSelfie enrols and authenticates in one request each`() = runBlocking {
        val store = tempStore()
        SmileIdClient(sandbox.config(), store).use { client ->
            val user = PartnerParams(userId = "user-kotlin-v2", jobId = "kotlin-v2-enrol")
            val enrolled = client.submitSmartSelfie(
                SubmitJobParams(
                    tag = selfieTag(store, "obama_2.jpg"),
                    jobType = 4,
                    partnerParams = user,
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
            )
            assertEquals(SmartSelfieStatus.Approved, enrolled.status)
            assertEquals("kotlin-v2-enrol", enrolled.journalJobId)
            assertEquals("approved", JSONObject(enrolled.raw).getString("status"))
            assertNull(enrolled.incompleteReason)
            val authenticated = client.submitSmartSelfie(
                SubmitJobParams(
                    tag = selfieTag(store, "obama_3.jpg"),
                    jobType = 2,
                    partnerParams = PartnerParams(userId = "user-kotlin-v2"),
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
            )
            assertEquals(SmartSelfieStatus.Approved, authenticated.status)
            assertEquals(2L, authenticated.jobType)
            val kyc = assertThrows(SmileIdException.InvalidInput::class.java) {
                runBlocking {
                    client.submitSmartSelfie(
                        SubmitJobParams(
                            tag = selfieTag(store, "biden_1.jpg"),
                            jobType = 1,
                            jobStatusPollingTimeoutMillis = 0,
                        ),
                    )
                }
            }
            assertEquals("job_type", kyc.errorField())
        }
    }

    @Test
    fun `look-ups list countries and ID types for pickers`() = runBlocking {
        SmileIdClient(sandbox.config(), tempStore()).use { client ->
            val services = client.services(isProduction = false)
            val nigeria = services.enhancedKyc.first { it.code == "NG" }
            assertTrue(nigeria.idTypes.any { it.code == "BVN" && "id_number" in it.requiredFields })
            assertEquals(
                services.enhancedKyc.map {
                    it.code
                }.sorted(),
                services.enhancedKyc.map { it.code },
            )
            val config = client.productsConfig(isProduction = false)
            assertTrue("BANK_ACCOUNT" in config.enhancedKyc["NG"].orEmpty())
            val documents = client.validDocuments(isProduction = false)
            assertTrue(
                documents.any { d ->
                    d.country.code == "NG" && d.idTypes.any { it.hasBack }
                },
            )
        }
    }
}
