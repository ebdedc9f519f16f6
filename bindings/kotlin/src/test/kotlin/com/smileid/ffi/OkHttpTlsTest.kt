package com.smileid.ffi

import kotlinx.coroutines.runBlocking
import okhttp3.CertificatePinner
import okhttp3.OkHttpClient
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import java.util.concurrent.atomic.AtomicInteger
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager

/**
 * Jobs through OkHttp to the sandbox over https: trusted through its CA, refused without it,
 * and with a certificate pin that matches the server's key and one that does not. A refused
 * certificate is not retried, however long the retry budget.
 */
class OkHttpTlsTest : SandboxTest(processingDelayMs = 50, tls = true) {
    private val certificate: X509Certificate by lazy {
        val path = sandbox.caCertPath ?: error("the https sandbox names its certificate file")
        File(path).inputStream().use {
            CertificateFactory.getInstance("X.509").generateCertificate(it) as X509Certificate
        }
    }

    /** Requests OkHttp was asked to send. */
    private val calls = AtomicInteger()

    /** An OkHttp client that counts its calls. */
    private fun counting(builder: OkHttpClient.Builder = OkHttpClient.Builder()): OkHttpClient =
        builder.addInterceptor {
            calls.incrementAndGet()
            it.proceed(it.request())
        }.build()

    /** An OkHttp client that trusts the sandbox's certificate (as a network security config). */
    private fun trusting(): OkHttpClient {
        val keys = KeyStore.getInstance(KeyStore.getDefaultType())
        keys.load(null, null)
        keys.setCertificateEntry("sandbox", certificate)
        val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
        factory.init(keys)
        val trust = factory.trustManagers.single() as X509TrustManager
        val tls = SSLContext.getInstance("TLS")
        tls.init(null, arrayOf(trust), null)
        return counting(OkHttpClient.Builder().sslSocketFactory(tls.socketFactory, trust))
    }

    /** One enrolment through [transport], retrying transient failures for [budgetMillis]. */
    private suspend fun enrol(transport: HttpTransport, budgetMillis: Long = 0) {
        val config = sandbox.config().copy(
            transport = transport,
            retry = RetryPolicy(budgetMillis, initialDelayMillis = 50, maxDelayMillis = 500),
        )
        enrolThenAuthenticate(config, "obama_1.jpg")
    }

    /** The error of an enrolment with a 20 s retry budget, which it must not use: asked once. */
    private fun networkError(transport: HttpTransport): SmileIdException.Network {
        calls.set(0) // One instance serves the class's tests.
        val error = assertThrows(SmileIdException.Network::class.java) {
            runBlocking { enrol(transport, budgetMillis = 20_000) }
        }
        assertEquals(1, calls.get(), "a refused certificate is not retried")
        return error
    }

    @Test
    fun `https through the sandbox's CA, with a matching pin`() = runBlocking {
        assertTrue(sandbox.baseUrl.startsWith("https://"), sandbox.baseUrl)
        enrol(OkHttpTransport(trusting()))
        val pin = CertificatePinner.pin(certificate)
        enrol(OkHttpTransport(trusting(), pins = mapOf("127.0.0.1" to listOf(pin))))
    }

    @Test
    fun `a pin that does not match is a network error saying so`() {
        val wrong = "sha256/" + "A".repeat(43) + "="
        val transport = OkHttpTransport(trusting(), pins = mapOf("127.0.0.1" to listOf(wrong)))
        val error = networkError(transport)
        assertEquals("network", error.errorCode())
        assertTrue(error.errorDetail().contains("certificate pin failed"), error.errorDetail())
    }

    @Test
    fun `an untrusted certificate is a network error naming the fix`() {
        val error = networkError(OkHttpTransport(counting()))
        assertTrue(error.errorDetail().contains("TLS certificate not trusted"), error.errorDetail())
    }
}
