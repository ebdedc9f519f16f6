package com.smileid.ffi

import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.CertificatePinner
import okhttp3.MediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody
import okhttp3.Response
import okio.Buffer
import okio.BufferedSink
import okio.Source
import okio.source
import java.io.IOException
import java.io.InterruptedIOException
import java.net.ConnectException
import java.net.SocketException
import java.net.UnknownHostException
import java.util.concurrent.TimeUnit
import javax.net.ssl.SSLHandshakeException
import javax.net.ssl.SSLPeerUnverifiedException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * The library's requests on OkHttp: [client]'s trust store (Android's network security config),
 * proxy, interceptors and [CertificatePinner] apply to them. Pass it as `ClientConfig.transport`
 * (the React Native module answers it from `RnPlatform.httpTransport`); share the app's
 * [OkHttpClient]. When the library stops waiting (a job's deadline, a cancelled job) the call is
 * cancelled.
 *
 * [pins] adds certificate pins: host (or `*.` pattern) to SHA-256 hashes of public keys, each
 * `sha256/` and the base64 hash, as [CertificatePinner] takes them. A connection whose chain
 * has none of its host's keys fails with a `Network` error saying the pin failed.
 */
class OkHttpTransport(
    client: OkHttpClient = OkHttpClient(),
    pins: Map<String, List<String>> = emptyMap(),
) : HttpTransport {
    private val client: OkHttpClient = if (pins.isEmpty()) {
        client
    } else {
        val pinner = CertificatePinner.Builder()
        pins.forEach { (host, keys) -> pinner.add(host, *keys.toTypedArray()) }
        client.newBuilder().certificatePinner(pinner.build()).build()
    }

    override suspend fun send(request: HttpRequest, progress: UploadProgress?): HttpResponse {
        val call = client.newCall(request.toOkHttp(progress))
        call.timeout().timeout(request.timeoutMillis, TimeUnit.MILLISECONDS)
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { call.cancel() }
            call.enqueue(
                object : Callback {
                    override fun onResponse(call: Call, response: Response) {
                        val answer = try {
                            response.use { it.toHttpResponse() }
                        } catch (e: IOException) {
                            continuation.resumeWithException(e.toTransportException(true))
                            return
                        }
                        continuation.resume(answer)
                    }

                    override fun onFailure(call: Call, e: IOException) {
                        continuation.resumeWithException(e.toTransportException(false))
                    }
                },
            )
        }
    }
}

/** Bytes per write of a request body, one progress report each. */
private const val CHUNK = 32L * 1024

private fun HttpRequest.toOkHttp(progress: UploadProgress?): Request {
    val builder = Request.Builder().url(url)
    headers.forEach { builder.addHeader(it.name, it.value) }
    val body = when (val b = body) {
        is HttpBody.Empty -> null
        is HttpBody.Bytes -> ProgressBody(b.bytes.size.toLong(), progress) {
            Buffer().write(b.bytes)
        }
        is HttpBody.File -> java.io.File(b.path).let { file ->
            ProgressBody(file.length(), progress) { file.source() }
        }
    }
    // OkHttp wants a body for POST and PUT, even an empty one.
    val sent = body ?: if (method == HttpMethod.GET) null else ProgressBody(0, null) { Buffer() }
    return builder.method(method.name, sent).build()
}

private fun Response.toHttpResponse() = HttpResponse(
    status = code,
    headers = headers.map { (name, value) -> HttpHeader(name, value) },
    body = body?.bytes() ?: ByteArray(0),
)

/**
 * A body of known length (sent with Content-Length: pre-signed upload URLs refuse chunked
 * bodies), written in chunks, each reported to [progress]. The request's Content-Type header
 * stands, so the body has none of its own.
 */
private class ProgressBody(
    private val length: Long,
    private val progress: UploadProgress?,
    private val open: () -> Source,
) : RequestBody() {
    override fun contentType(): MediaType? = null

    override fun contentLength() = length

    override fun writeTo(sink: BufferedSink) {
        open().use { source ->
            var sent = 0L
            while (true) {
                val read = source.read(sink.buffer, CHUNK)
                if (read == -1L) break
                sink.emit()
                sent += read
                progress?.sent(sent, length)
            }
        }
    }
}

/** The library's kind of failure for what OkHttp threw; the detail never holds the URL. */
private fun IOException.toTransportException(readingBody: Boolean): TransportException {
    val detail = (message ?: javaClass.simpleName).lineSequence().first()
    return when {
        this is UnknownHostException -> TransportException.Dns(detail)
        this is ConnectException -> TransportException.ConnectionRefused(detail)
        this is SSLPeerUnverifiedException && detail.startsWith("Certificate pinning failure") ->
            TransportException.PinMismatch(detail)
        this is SSLHandshakeException || this is SSLPeerUnverifiedException ->
            TransportException.UntrustedCertificate(detail)
        // SocketTimeoutException, and the call timeout's InterruptedIOException("timeout").
        this is InterruptedIOException -> TransportException.Timeout(detail)
        readingBody -> TransportException.BrokenBody(detail)
        this is SocketException || detail.contains("unexpected end of stream") ->
            TransportException.ConnectionReset(detail)
        else -> TransportException.Other(detail)
    }
}
