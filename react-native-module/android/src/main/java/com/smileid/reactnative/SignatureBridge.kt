package com.smileid.reactnative

import com.smileid.ffi.RequestSignature
import com.smileid.ffi.SignatureProvider
import com.smileid.ffi.SmileIdException
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * The partner-backend signature mode from JS: the library asks (on one of its worker threads),
 * [ask] emits `onSignatureRequest {requestId, partnerId}`, the app's async function runs in JS,
 * which answers with `resolveSignature` or `rejectSignature`. The worker waits at most [timeoutMillis].
 */
class SignatureBridge(
    private val timeoutMillis: Long = 30_000,
    private val ask: (requestId: String, partnerId: String) -> Unit,
) : SignatureProvider {
    private val waiting = ConcurrentHashMap<String, CompletableFuture<RequestSignature>>()

    override fun signature(partnerId: String): RequestSignature {
        val requestId = UUID.randomUUID().toString()
        val answer = CompletableFuture<RequestSignature>()
        waiting[requestId] = answer
        try {
            ask(requestId, partnerId)
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS)
        } catch (e: TimeoutException) {
            throw network("the app's signature function did not answer within $timeoutMillis ms")
        } catch (e: ExecutionException) {
            throw network("the app's signature function failed: ${e.cause?.message}")
        } finally {
            waiting.remove(requestId)
        }
    }

    fun resolve(requestId: String, signature: String, timestamp: String) {
        waiting[requestId]?.complete(RequestSignature(signature = signature, timestamp = timestamp))
    }

    fun reject(requestId: String, message: String) {
        waiting[requestId]?.completeExceptionally(IllegalStateException(message))
    }

    private fun network(detail: String) = SmileIdException.Network(code = "network", field = "signature", detail = detail)
}
