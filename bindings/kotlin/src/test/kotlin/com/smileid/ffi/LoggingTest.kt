package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.UUID

/** The library's log reaches the app's Logger, at the level asked for, without secrets. */
class LoggingTest : SandboxTest() {
    private class RecordingLogger : Logger {
        val records: MutableList<LogRecord> = Collections.synchronizedList(mutableListOf())

        override fun log(record: LogRecord) {
            records.add(record)
        }
    }

    @AfterEach
    fun quiet() = setLogger(null, LogLevel.INFO)

    /** Runs one enrolment of a fresh photo tag; returns its job id and user id. */
    private fun enrol(): Pair<String, String> = runBlocking {
        val store = tempStore()
        val tag =
            captureFromFiles(store, tag = "logged", selfie = Env.face("obama_2.jpg").readBytes())
        val userId = "user-" + UUID.randomUUID()
        val result = SmileIdClient(sandbox.config(), store).use {
            it.submitJob(
                SubmitJobParams(
                    tag = tag,
                    jobType = 4,
                    partnerParams = PartnerParams(userId = userId),
                    jobStatusPollingTimeoutMillis = 30_000,
                ),
            )
        }
        assertTrue(result.status.jobSuccess)
        result.jobId to userId
    }

    @Test
    fun `job steps are logged with their job id and nothing secret`() {
        val logger = RecordingLogger()
        setLogger(logger, LogLevel.DEBUG)
        val (jobId, userId) = enrol()
        val lines = logger.records.toList()
        val mine = lines.filter { it.message.contains("job_id=$jobId") }
        assertTrue(
            mine.any {
                it.level == LogLevel.INFO && it.message.startsWith("running job")
            },
            lines.toString(),
        )
        assertTrue(
            mine.any {
                it.level == LogLevel.INFO && it.message.startsWith("uploaded")
            },
            lines.toString(),
        )
        assertTrue(lines.all { it.target.startsWith("smileid") }, lines.toString())
        for (secret in listOf(sandbox.apiKey, sandbox.authToken, userId)) {
            assertTrue(
                lines.none {
                    it.message.contains(secret)
                },
                "a log line holds $secret: $lines",
            )
        }
    }

    @Test
    fun `nothing is passed on below the level asked for, or once the logger is removed`() {
        val logger = RecordingLogger()
        setLogger(logger, LogLevel.ERROR)
        enrol()
        assertEquals(emptyList<LogRecord>(), logger.records.toList())
        setLogger(logger, LogLevel.INFO)
        enrol()
        val seen = logger.records.size
        assertTrue(seen > 0)
        setLogger(null, LogLevel.INFO)
        enrol()
        assertEquals(seen, logger.records.size)
    }
}
