package com.smileid.reactnative

import com.facebook.react.modules.network.OkHttpClientProvider
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.OkHttpClient
import okhttp3.Response
import java.io.File
import java.io.IOException
import java.net.InetSocketAddress
import java.net.Proxy
import java.nio.file.Files
import java.security.KeyStore
import java.util.Collections
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager

/**
 * The app's OkHttp client, handed to React Native as an app does before React Native starts
 * (`OkHttpClientProvider.setOkHttpClientFactory` in `Application.onCreate`), over React Native's
 * own builder. It trusts the https sandboxes' certificate only, as a debug network security
 * config listing it would, and notes, by the sandbox's port, each connection it opens, each
 * answer's status, each attempt broken off and each call that failed or was cancelled.
 */
object AppHttp {
    private data class Seen(val port: Int, val what: String)

    private val seen: MutableList<Seen> = Collections.synchronizedList(mutableListOf())

    /**
     * Where the https sandboxes' certificate lives (`--tls-dir`), made before the client by a
     * sandbox started once for it: the app's trust is fixed when its client is built.
     */
    val sandboxCertificates: File = Files.createTempDirectory("rn-sandbox-tls").toFile().also {
        Sandbox(tls = true, tlsDir = it).close()
        Runtime.getRuntime().addShutdownHook(Thread { it.deleteRecursively() })
    }

    private val trust: X509TrustManager by lazy {
        val keys = KeyStore.getInstance(KeyStore.getDefaultType()).apply { load(null, null) }
        keys.setCertificateEntry("sandbox", readCertificate(File(sandboxCertificates, "cert.pem")))
        val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
        factory.init(keys)
        factory.trustManagers.single() as X509TrustManager
    }

    private fun IOException.firstLine() = message?.lineSequence()?.first()

    private fun Call.note(what: String) {
        val url = request().url
        seen.add(Seen(url.port, "${request().method} ${url.encodedPath} $what"))
    }

    private val client: OkHttpClient by lazy {
        val tls = SSLContext.getInstance("TLS").apply { init(null, arrayOf(trust), null) }
        OkHttpClientProvider.createClientBuilder()
            .sslSocketFactory(tls.socketFactory, trust)
            .eventListener(
                object : EventListener() {
                    override fun connectStart(
                        call: Call,
                        inetSocketAddress: InetSocketAddress,
                        proxy: Proxy,
                    ) = call.note("connect")

                    override fun responseHeadersEnd(call: Call, response: Response) =
                        call.note(response.code.toString())

                    override fun requestFailed(call: Call, ioe: IOException) =
                        call.note("broken: " + ioe.firstLine())

                    override fun responseFailed(call: Call, ioe: IOException) =
                        call.note("broken: " + ioe.firstLine())

                    override fun callFailed(call: Call, ioe: IOException) = call.note(
                        (if (call.isCanceled()) "cancelled: " else "failed: ") + ioe.firstLine(),
                    )
                },
            )
            .build()
    }

    init {
        OkHttpClientProvider.setOkHttpClientFactory { client }
    }

    /** Installs the factory (once, before any module asks React Native for its client). */
    fun install() = Unit

    /**
     * What the calls to the sandbox on [port] met so far, in order: `POST /v1/upload connect`,
     * `POST /v1/upload 200`, `PUT /path broken: …`, `POST /v1/job_status cancelled: …`.
     */
    fun seen(port: Int): List<String> =
        synchronized(seen) { seen.filter { it.port == port }.map { it.what } }
}
