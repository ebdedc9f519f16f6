package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.UUID

/**
 * Enhanced KYC (job 5) against the sandbox: the ID details alone, answered at once, with the
 * sandbox's documented outcome per test number, and bad ID details refused with the field.
 */
class EnhancedKycTest : SandboxTest() {
    private fun params(idNumber: String, userId: String = "user-" + UUID.randomUUID()) =
        EnhancedKycParams(
            partnerParams = PartnerParams(userId = userId, extras = mapOf("my_ref" to "A-17")),
            idInfo = IdInfo(country = "NG", idType = "BVN", idNumber = idNumber),
        )

    @Test
    fun `a validated ID returns the person, a missing one is not verified`() = runBlocking {
        SmileIdClient(sandbox.config(Auth.AuthToken(sandbox.authToken)), tempStore()).use {
            val userId = "user-" + UUID.randomUUID()
            val found = it.enhancedKyc(params("00000000000", userId))
            assertEquals("1012", found.resultCode)
            assertTrue(found.verified)
            assertEquals("Joe Leo Doe", found.fullName)
            val id = Triple(found.country, found.idType, found.idNumber)
            assertEquals(Triple("NG", "BVN", "00000000000"), id)
            assertEquals("Verified", found.actions["Verify_ID_Number"])
            assertEquals("5", found.partnerParams["job_type"])
            assertEquals(userId, found.partnerParams["user_id"])
            assertEquals("A-17", found.partnerParams["my_ref"])
            assertEquals(found.smileJobId, JSONObject(found.json).getString("SmileJobID"))

            val missing = it.enhancedKyc(params("00000000001"))
            assertEquals("1013", missing.resultCode)
            assertFalse(missing.verified)
        }
    }

    @Test
    fun `bad ID details name the field`() {
        SmileIdClient(sandbox.config(), tempStore()).use { client ->
            val cases = mapOf(
                "id_info" to params("00000000000").copy(idInfo = null),
                "id_info.id_number" to params("").copy(
                    idInfo = IdInfo(country = "NG", idType = "BVN"),
                ),
                "id_info.bank_code" to params("0000000000").copy(
                    idInfo =
                    IdInfo(country = "NG", idType = "BANK_ACCOUNT", idNumber = "0000000000"),
                ),
            )
            for ((field, bad) in cases) {
                val e = assertThrows(SmileIdException.InvalidInput::class.java) {
                    runBlocking { client.enhancedKyc(bad) }
                }
                assertEquals(field, e.errorField(), e.message)
            }
        }
    }
}
