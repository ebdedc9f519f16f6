package com.smileid.reactnative

import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.ReadableType
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import com.smileid.ffi.Auth
import com.smileid.ffi.ClientConfig
import com.smileid.ffi.GeoInfo
import com.smileid.ffi.IdInfo
import com.smileid.ffi.IncompleteReason
import com.smileid.ffi.JobRef
import com.smileid.ffi.JobState
import com.smileid.ffi.JobStatus
import com.smileid.ffi.PartnerParams
import com.smileid.ffi.PendingJob
import com.smileid.ffi.ProgressEvent
import com.smileid.ffi.ResumedJob
import com.smileid.ffi.RetryPolicy
import com.smileid.ffi.SignatureProvider
import com.smileid.ffi.SmileIdException
import com.smileid.ffi.SubmitJobParams
import com.smileid.ffi.SubmitJobResult
import com.smileid.ffi.TagImages
import org.json.JSONObject
import com.smileid.ffi.JobResult as FfiJobResult

/**
 * Every conversion between the JS side's plain objects and the Rust bindings' records, in one
 * place: ReadableMap → records on the way in, records → WritableMap on the way out, errors →
 * `{code, field, message, apiCode, httpStatus}`. Needs only the bindings and react-android's
 * map interfaces, so it runs on the plain JVM (tests use JavaOnlyMap; the app Arguments).
 *
 * Field names in errors follow the core's (`partner_params.user_id`), so JS sees one naming
 * whether a value was refused here or in Rust.
 */
object Conversions {
    /** Makes the maps and arrays handed back to JS. */
    interface MapFactory {
        fun map(): WritableMap
        fun array(): WritableArray
    }

    // ---- JS → bindings -------------------------------------------------------------------

    /**
     * The client configuration: `configure()`'s object over the bundled smile_config.json
     * (`partner_id`, `auth_token`, `test_lambda_url`, `prod_lambda_url`), explicit values first.
     * [signatures] is used when the app gave a signature function instead of an auth token.
     */
    fun clientConfig(js: ReadableMap?, bundledJson: String?, signatures: SignatureProvider?): ClientConfig {
        val bundled = bundledJson?.let {
            try {
                JSONObject(it)
            } catch (e: org.json.JSONException) {
                throw invalid("smile_config.json", "is not a JSON object: ${e.message}")
            }
        }
        fun bundledString(key: String) = bundled?.optString(key)?.takeIf { it.isNotEmpty() }
        val partnerId = js?.optString("partnerId", "partnerId") ?: bundledString("partner_id")
            ?: throw invalid("partnerId", "is required: pass configure({ partnerId, authToken }) or bundle smile_config.json")
        val authToken = js?.optString("authToken", "authToken") ?: bundledString("auth_token")
        val useSignatures = js?.optBoolean("signatureProvider", "signatureProvider") ?: false
        val auth = when {
            useSignatures && signatures != null -> Auth.SignatureProvider(signatures)
            authToken != null -> Auth.AuthToken(authToken)
            else -> throw invalid("authToken", "is required: pass authToken, a signature function, or bundle smile_config.json with auth_token")
        }
        val retry = js?.optMap("retry", "retry")?.let {
            RetryPolicy(
                budgetMillis = it.requireLong("budgetMillis", "retry.budget_millis"),
                initialDelayMillis = it.requireLong("initialDelayMillis", "retry.initial_delay_millis"),
                maxDelayMillis = it.requireLong("maxDelayMillis", "retry.max_delay_millis"),
            )
        }
        return ClientConfig(
            partnerId = partnerId,
            auth = auth,
            sandboxUrl = js?.optString("sandboxUrl", "sandbox_url") ?: bundledString("test_lambda_url"),
            productionUrl = js?.optString("productionUrl", "production_url") ?: bundledString("prod_lambda_url"),
            requestTimeoutMillis = js?.optLong("requestTimeoutMillis", "request_timeout_millis"),
            connectTimeoutMillis = js?.optLong("connectTimeoutMillis", "connect_timeout_millis"),
            pollIntervalMillis = js?.optLong("pollIntervalMillis", "poll_interval_millis"),
            retry = retry,
            extraRootCertificatesPem = js?.optStrings("extraRootCertificatesPem", "extra_root_certificates_pem").orEmpty(),
            keepTagsAfterSuccess = js?.optBoolean("keepTagsAfterSuccess", "keep_tags_after_success") ?: false,
        )
    }

    /** `submitJob`'s object, as index.tsx normalises it (the object and positional forms end up here). */
    fun submitJobParams(js: ReadableMap): SubmitJobParams {
        val partner = js.optMap("partnerParams", "partner_params")
        return SubmitJobParams(
            tag = js.requireString("tag", "tag"),
            jobType = js.requireLong("jobType", "job_type"),
            isProduction = js.optBoolean("isProduction", "is_production") ?: false,
            partnerParams = PartnerParams(
                jobId = partner?.optString("jobId", "partner_params.job_id").orEmpty(),
                userId = partner?.optString("userId", "partner_params.user_id").orEmpty(),
                extras = partner?.optMap("extras", "partner_params.extras")?.let { stringMap(it, "partner_params") }.orEmpty(),
            ),
            idInfo = js.optMap("idInfo", "id_info")?.let(::idInfo),
            geoInfo = js.optMap("geoInfo", "geo_info")?.let(::geoInfo),
            callbackUrl = js.optString("callbackUrl", "callback_url")?.takeIf { it.isNotEmpty() },
            jobStatusPollingTimeoutMillis = js.optLong("jobStatusPollingTimeoutMillis", "job_status_polling_timeout_millis") ?: 0,
        )
    }

    private fun idInfo(m: ReadableMap) = IdInfo(
        country = m.optString("country", "id_info.country").orEmpty(),
        idType = m.optString("idType", "id_info.id_type").orEmpty(),
        idNumber = m.optString("idNumber", "id_info.id_number").orEmpty(),
        firstName = m.optString("firstName", "id_info.first_name"),
        middleName = m.optString("middleName", "id_info.middle_name"),
        lastName = m.optString("lastName", "id_info.last_name"),
        dob = m.optString("dob", "id_info.dob"),
        bankCode = m.optString("bankCode", "id_info.bank_code"),
        citizenship = m.optString("citizenship", "id_info.citizenship"),
        allowReEnroll = m.optBoolean("allowReEnroll", "id_info.allow_re_enroll") ?: false,
        useEnrolledImage = m.optBoolean("useEnrolledImage", "id_info.use_enrolled_image") ?: false,
    )

    private fun geoInfo(m: ReadableMap) = GeoInfo(
        accuracy = m.optDouble("accuracy", "geo_info.accuracy") ?: 0.0,
        altitude = m.optDouble("altitude", "geo_info.altitude") ?: 0.0,
        latitude = m.optDouble("latitude", "geo_info.latitude") ?: 0.0,
        longitude = m.optDouble("longitude", "geo_info.longitude") ?: 0.0,
        lastUpdate = m.optString("lastUpdate", "geo_info.last_update").orEmpty(),
        isGeoPermissionGranted = m.optBoolean("isGeoPermissionGranted", "geo_info.is_geo_permission_granted") ?: false,
    )

    /** `jobStatus`'s object: the ids a job was submitted with (index.tsx checks them first). */
    fun jobRef(js: ReadableMap) = JobRef(
        jobId = js.requireString("jobId", "partner_params.job_id"),
        userId = js.requireString("userId", "partner_params.user_id"),
        jobType = js.requireLong("jobType", "job_type"),
        isProduction = js.optBoolean("isProduction", "is_production") ?: false,
    )

    /** `captureSelfie`'s object. */
    data class CaptureSelfieOptions(val tag: String?, val timeoutMillis: Long)

    fun captureSelfieOptions(js: ReadableMap): CaptureSelfieOptions {
        val timeout = js.optLong("timeoutMillis", "timeout_millis") ?: 60_000
        if (timeout <= 0) throw invalid("timeout_millis", "must be more than 0 (milliseconds)")
        val tag = js.optString("tag", "tag")?.takeIf { it.isNotEmpty() }
        return CaptureSelfieOptions(tag = tag, timeoutMillis = timeout)
    }

    /** `captureSelfieFromFiles`' object: file paths (or file:// URIs) of the photos. */
    data class CaptureFiles(val tag: String?, val selfie: String, val liveness: List<String>)

    fun captureFiles(js: ReadableMap) = CaptureFiles(
        tag = js.optString("tag", "tag")?.takeIf { it.isNotEmpty() },
        selfie = filePath(js.requireString("selfie", "selfie")),
        liveness = js.optStrings("liveness", "liveness").orEmpty().map(::filePath),
    )

    private fun filePath(pathOrUri: String) = pathOrUri.removePrefix("file://")

    // ---- bindings → JS -------------------------------------------------------------------

    fun submitJobResult(r: SubmitJobResult, f: MapFactory): WritableMap = f.map().apply {
        putString("tag", r.tag)
        putDouble("jobType", r.jobType.toDouble())
        putString("jobId", r.jobId)
        putString("userId", r.userId)
        putString("smileJobId", r.smileJobId)
        putBoolean("timedOut", r.timedOut)
        r.incompleteReason?.let { putString("incompleteReason", incompleteReason(it)) }
        putMap("status", jobStatus(r.status, f))
    }

    /** The strings of index.tsx's `IncompleteReason`. */
    private fun incompleteReason(r: IncompleteReason) = when (r) {
        IncompleteReason.TIMED_OUT -> "timedOut"
        IncompleteReason.STATUS_UNAVAILABLE -> "statusUnavailable"
        IncompleteReason.UPLOAD_LOST -> "uploadLost"
    }

    /** A job_status answer: a result's `status`, and what `jobStatus` resolves with. */
    fun jobStatus(s: JobStatus, f: MapFactory): WritableMap = f.map().apply {
        putBoolean("jobComplete", s.jobComplete)
        putBoolean("jobSuccess", s.jobSuccess)
        putString("code", s.code)
        putOptString("resultMessage", s.resultMessage)
        putString("timestamp", s.timestamp)
        putString("json", s.json)
        putString("raw", s.raw)
        val result = s.result
        if (result == null) putNull("result") else putMap("result", jobResult(result, f))
    }

    private fun jobResult(r: FfiJobResult, f: MapFactory): WritableMap = f.map().apply {
        putString("resultCode", r.resultCode)
        putString("resultText", r.resultText)
        putOptString("resultType", r.resultType)
        putString("smileJobId", r.smileJobId)
        putMap("partnerParams", stringsToMap(r.partnerParams, f))
        putMap("actions", stringsToMap(r.actions, f))
        putOptString("confidenceValue", r.confidenceValue)
        r.isFinalResult?.let { putBoolean("isFinalResult", it) }
        r.isMachineResult?.let { putBoolean("isMachineResult", it) }
        putOptString("country", r.country)
        putOptString("idType", r.idType)
        putOptString("idNumber", r.idNumber)
        putOptString("fullName", r.fullName)
        putOptString("dob", r.dob)
        putOptString("gender", r.gender)
        putString("json", r.json)
    }

    fun progress(jobId: String, e: ProgressEvent, f: MapFactory): WritableMap = f.map().apply {
        putString("jobId", jobId)
        when (e) {
            is ProgressEvent.Authenticating -> putString("type", "authenticating")
            is ProgressEvent.Preparing -> putString("type", "preparing")
            is ProgressEvent.Uploading -> {
                putString("type", "uploading")
                putDouble("sentBytes", e.sentBytes.toDouble())
                putDouble("totalBytes", e.totalBytes.toDouble())
                putInt("percent", e.percent)
            }
            is ProgressEvent.Polling -> {
                putString("type", "polling")
                putInt("attempt", e.attempt)
                putBoolean("jobComplete", e.jobComplete)
            }
            is ProgressEvent.Done -> {
                putString("type", "done")
                putBoolean("jobComplete", e.jobComplete)
                putBoolean("jobSuccess", e.jobSuccess)
            }
        }
    }

    fun pendingJobs(jobs: List<PendingJob>, f: MapFactory): WritableArray = maps(jobs, f) { j ->
        putString("jobId", j.jobId)
        putString("tag", j.tag)
        putDouble("jobType", j.jobType.toDouble())
        putString("state", jobState(j.state))
        putOptString("smileJobId", j.smileJobId)
        putString("createdAt", j.createdAt)
        putString("updatedAt", j.updatedAt)
    }

    private fun jobState(s: JobState) = when (s) {
        JobState.CAPTURED -> "captured"
        JobState.PREPARED -> "prepared"
        JobState.UPLOADED -> "uploaded"
        JobState.COMPLETE -> "complete"
        JobState.FAILED -> "failed"
    }

    fun resumedJobs(jobs: List<ResumedJob>, f: MapFactory): WritableArray = maps(jobs, f) { j ->
        putString("jobId", j.jobId)
        j.result?.let { putMap("result", submitJobResult(it, f)) }
        j.error?.let { putMap("error", error(it, f)) }
    }

    private fun <T> maps(items: List<T>, f: MapFactory, fill: WritableMap.(T) -> Unit): WritableArray =
        f.array().apply { items.forEach { pushMap(f.map().apply { fill(it) }) } }

    fun tagImages(i: TagImages, f: MapFactory): WritableMap = f.map().apply {
        putOptString("selfie", i.selfie)
        putArray("liveness", f.array().apply { i.liveness.forEach(::pushString) })
        putOptString("idCardFront", i.idCardFront)
        putOptString("idCardBack", i.idCardBack)
    }

    /** What `captureSelfieFromFiles` (and later `captureSelfie`) resolves with. */
    fun capturedTag(tag: String, i: TagImages, f: MapFactory): WritableMap = f.map().apply {
        putString("tag", tag)
        putOptString("selfiePath", i.selfie)
        putArray("livenessPaths", f.array().apply { i.liveness.forEach(::pushString) })
    }

    fun strings(values: List<String>, f: MapFactory): WritableArray = f.array().apply { values.forEach(::pushString) }

    // ---- errors --------------------------------------------------------------------------

    /** A rejection as JS sees it: `SmileIdError` is built from these fields (index.tsx). */
    data class Rejection(val code: String, val message: String, val field: String?, val apiCode: String?, val httpStatus: Int?)

    fun rejection(t: Throwable): Rejection = when (t) {
        is SmileIdException -> Rejection(
            code = t.errorCode(),
            message = t.errorDetail(),
            field = t.errorField(),
            apiCode = (t as? SmileIdException.Api)?.apiCode,
            httpStatus = (t as? SmileIdException.Api)?.httpStatus,
        )
        // uniffi's InternalException (a panic in a synchronous call) and anything unforeseen.
        else -> Rejection(code = "internal", message = t.message ?: t.javaClass.simpleName, field = null, apiCode = null, httpStatus = null)
    }

    fun error(t: Throwable, f: MapFactory): WritableMap = rejection(t).let { r ->
        f.map().apply {
            putString("code", r.code)
            putString("message", r.message)
            putOptString("field", r.field)
            putOptString("apiCode", r.apiCode)
            r.httpStatus?.let { putInt("httpStatus", it) }
        }
    }

    fun invalid(field: String, detail: String): SmileIdException =
        SmileIdException.InvalidInput(code = "invalid_input", field = field, detail = "$field $detail")

    // ---- typed reads: a wrong type is an invalid_input naming the field ---------------------

    private fun ReadableMap.present(key: String) = hasKey(key) && !isNull(key)

    private fun ReadableMap.expect(key: String, type: ReadableType, field: String, what: String) {
        if (getType(key) != type) throw invalid(field, "must be $what")
    }

    private fun ReadableMap.optString(key: String, field: String): String? =
        if (!present(key)) null else { expect(key, ReadableType.String, field, "a string"); getString(key) }

    private fun ReadableMap.requireString(key: String, field: String): String =
        optString(key, field) ?: throw invalid(field, "is required")

    private fun ReadableMap.optBoolean(key: String, field: String): Boolean? =
        if (!present(key)) null else { expect(key, ReadableType.Boolean, field, "true or false"); getBoolean(key) }

    private fun ReadableMap.optDouble(key: String, field: String): Double? =
        if (!present(key)) null else { expect(key, ReadableType.Number, field, "a number"); getDouble(key) }

    private fun ReadableMap.optLong(key: String, field: String): Long? = optDouble(key, field)?.let {
        if (it != Math.floor(it) || it.isInfinite()) throw invalid(field, "must be a whole number")
        it.toLong()
    }

    private fun ReadableMap.requireLong(key: String, field: String): Long = optLong(key, field) ?: throw invalid(field, "is required")

    private fun ReadableMap.requireInt(key: String, field: String): Int {
        val n = requireLong(key, field)
        if (n !in Int.MIN_VALUE..Int.MAX_VALUE) throw invalid(field, "is out of range")
        return n.toInt()
    }

    private fun ReadableMap.optMap(key: String, field: String): ReadableMap? =
        if (!present(key)) null else { expect(key, ReadableType.Map, field, "an object"); getMap(key) }

    private fun ReadableMap.optStrings(key: String, field: String): List<String>? {
        if (!present(key)) return null
        expect(key, ReadableType.Array, field, "an array of strings")
        val a: ReadableArray = getArray(key)!!
        return (0 until a.size()).map { i ->
            if (a.getType(i) != ReadableType.String) throw invalid("$field[$i]", "must be a string")
            a.getString(i)!!
        }
    }

    private fun stringMap(m: ReadableMap, prefix: String): Map<String, String> {
        val out = LinkedHashMap<String, String>()
        val keys = m.keySetIterator()
        while (keys.hasNextKey()) {
            val key = keys.nextKey()
            if (m.getType(key) != ReadableType.String) throw invalid("$prefix.$key", "must be a string (extras are sent as strings)")
            out[key] = m.getString(key)!!
        }
        return out
    }

    private fun stringsToMap(values: Map<String, String>, f: MapFactory): WritableMap =
        f.map().apply { values.forEach { (k, v) -> putString(k, v) } }

    private fun WritableMap.putOptString(key: String, value: String?) {
        if (value == null) putNull(key) else putString(key, value)
    }
}
