// Every conversion between the JS side's plain objects (NSDictionary as the bridge hands them
// over) and the Rust bindings' records, in one place; the Swift twin of the Kotlin `Conversions`,
// with the same keys and error fields. Foundation and SmileIdFfi only: no React and no UIKit here.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

enum RnSmileIdConversions {
    // MARK: JS -> bindings

    /// `configure()`'s object over the bundled smile_config.json, explicit values first.
    static func clientConfig(_ js: NSDictionary?, bundledJson: Data?, signatures: SignatureProvider?) throws -> ClientConfig {
        var bundled: [String: Any] = [:]
        if let data = bundledJson {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw invalid("smile_config.json", "is not a JSON object")
            }
            bundled = object
        }
        func bundledString(_ key: String) -> String? {
            guard let value = bundled[key] as? String, !value.isEmpty else { return nil }
            return value
        }
        let js = js ?? NSDictionary()
        guard let partnerId = try string(js, "partnerId", "partnerId") ?? bundledString("partner_id") else {
            throw invalid("partnerId", "is required: pass configure({ partnerId, authToken }) or bundle smile_config.json")
        }
        let auth: Auth
        if try bool(js, "signatureProvider", "signatureProvider") == true, let signatures = signatures {
            auth = .signatureProvider(provider: signatures)
        } else if let token = try string(js, "authToken", "authToken") ?? bundledString("auth_token") {
            auth = .authToken(authToken: token)
        } else {
            throw invalid("authToken", "is required: pass authToken, a signature function, or bundle smile_config.json with auth_token")
        }
        var retry: RetryPolicy?
        if let r = try dictionary(js, "retry", "retry") {
            retry = RetryPolicy(
                budgetMillis: try requireLong(r, "budgetMillis", "retry.budget_millis"),
                initialDelayMillis: try requireLong(r, "initialDelayMillis", "retry.initial_delay_millis"),
                maxDelayMillis: try requireLong(r, "maxDelayMillis", "retry.max_delay_millis")
            )
        }
        return ClientConfig(
            partnerId: partnerId,
            auth: auth,
            sandboxUrl: try string(js, "sandboxUrl", "sandbox_url") ?? bundledString("test_lambda_url"),
            productionUrl: try string(js, "productionUrl", "production_url") ?? bundledString("prod_lambda_url"),
            requestTimeoutMillis: try long(js, "requestTimeoutMillis", "request_timeout_millis"),
            connectTimeoutMillis: try long(js, "connectTimeoutMillis", "connect_timeout_millis"),
            pollIntervalMillis: try long(js, "pollIntervalMillis", "poll_interval_millis"),
            retry: retry,
            extraRootCertificatesPem: try strings(js, "extraRootCertificatesPem", "extra_root_certificates_pem") ?? [],
            keepTagsAfterSuccess: try bool(js, "keepTagsAfterSuccess", "keep_tags_after_success") ?? false
        )
    }

    /// `submitJob`'s object, as index.tsx normalises it.
    static func submitJobParams(_ js: NSDictionary) throws -> SubmitJobParams {
        let partner = try dictionary(js, "partnerParams", "partner_params")
        var extras: [String: String] = [:]
        if let partner = partner, let given = try dictionary(partner, "extras", "partner_params.extras") {
            for (key, value) in given {
                guard let key = key as? String, let value = value as? String else {
                    throw invalid("partner_params.\(key)", "must be a string (extras are sent as strings)")
                }
                extras[key] = value
            }
        }
        return SubmitJobParams(
            tag: try requireString(js, "tag", "tag"),
            jobType: try requireLong(js, "jobType", "job_type"),
            isProduction: try bool(js, "isProduction", "is_production") ?? false,
            partnerParams: PartnerParams(
                jobId: try partner.flatMap { try string($0, "jobId", "partner_params.job_id") } ?? "",
                userId: try partner.flatMap { try string($0, "userId", "partner_params.user_id") } ?? "",
                extras: extras
            ),
            idInfo: try dictionary(js, "idInfo", "id_info").map(idInfo),
            geoInfo: try dictionary(js, "geoInfo", "geo_info").map(geoInfo),
            callbackUrl: try string(js, "callbackUrl", "callback_url").flatMap { $0.isEmpty ? nil : $0 },
            jobStatusPollingTimeoutMillis: try long(js, "jobStatusPollingTimeoutMillis", "job_status_polling_timeout_millis") ?? 0
        )
    }

    private static func idInfo(_ m: NSDictionary) throws -> IdInfo {
        IdInfo(
            country: try string(m, "country", "id_info.country") ?? "",
            idType: try string(m, "idType", "id_info.id_type") ?? "",
            idNumber: try string(m, "idNumber", "id_info.id_number") ?? "",
            firstName: try string(m, "firstName", "id_info.first_name"),
            middleName: try string(m, "middleName", "id_info.middle_name"),
            lastName: try string(m, "lastName", "id_info.last_name"),
            dob: try string(m, "dob", "id_info.dob"),
            bankCode: try string(m, "bankCode", "id_info.bank_code"),
            citizenship: try string(m, "citizenship", "id_info.citizenship"),
            allowReEnroll: try bool(m, "allowReEnroll", "id_info.allow_re_enroll") ?? false,
            useEnrolledImage: try bool(m, "useEnrolledImage", "id_info.use_enrolled_image") ?? false
        )
    }

    private static func geoInfo(_ m: NSDictionary) throws -> GeoInfo {
        GeoInfo(
            accuracy: try double(m, "accuracy", "geo_info.accuracy") ?? 0,
            altitude: try double(m, "altitude", "geo_info.altitude") ?? 0,
            latitude: try double(m, "latitude", "geo_info.latitude") ?? 0,
            longitude: try double(m, "longitude", "geo_info.longitude") ?? 0,
            lastUpdate: try string(m, "lastUpdate", "geo_info.last_update") ?? "",
            isGeoPermissionGranted: try bool(m, "isGeoPermissionGranted", "geo_info.is_geo_permission_granted") ?? false
        )
    }

    /// `jobStatus`'s object: the ids the job was submitted with (field names as the TS layer's).
    static func jobRef(_ js: NSDictionary) throws -> JobRef {
        JobRef(
            jobId: try requireString(js, "jobId", "partner_params.job_id"),
            userId: try requireString(js, "userId", "partner_params.user_id"),
            jobType: try requireLong(js, "jobType", "job_type"),
            isProduction: try bool(js, "isProduction", "is_production") ?? false
        )
    }

    /// `captureSelfie`'s object: the tag to save under (generated when absent) and how long the
    /// camera screen waits for a usable capture.
    struct CaptureSelfieOptions {
        let tag: String?
        let timeoutMillis: Int64
    }

    static func captureSelfieOptions(_ js: NSDictionary?) throws -> CaptureSelfieOptions {
        let js = js ?? NSDictionary()
        let timeout = try long(js, "timeoutMillis", "timeout_millis") ?? 60_000
        guard timeout > 0 else { throw invalid("timeout_millis", "must be above 0 (milliseconds)") }
        return CaptureSelfieOptions(
            tag: try string(js, "tag", "tag").flatMap { $0.isEmpty ? nil : $0 },
            timeoutMillis: timeout
        )
    }

    /// `captureSelfieFromFiles`' object: paths, or URIs starting with file://
    struct CaptureFiles {
        let tag: String?
        let selfie: String
        let liveness: [String]
    }

    static func captureFiles(_ js: NSDictionary) throws -> CaptureFiles {
        CaptureFiles(
            tag: try string(js, "tag", "tag").flatMap { $0.isEmpty ? nil : $0 },
            selfie: filePath(try requireString(js, "selfie", "selfie")),
            liveness: (try strings(js, "liveness", "liveness") ?? []).map(filePath)
        )
    }

    private static func filePath(_ pathOrUri: String) -> String {
        pathOrUri.hasPrefix("file://") ? String(pathOrUri.dropFirst("file://".count)) : pathOrUri
    }

    // MARK: bindings -> JS

    static func submitJobResult(_ r: SubmitJobResult) -> [String: Any] {
        var out: [String: Any] = [
            "tag": r.tag,
            "jobType": Double(r.jobType),
            "jobId": r.jobId,
            "userId": r.userId,
            "smileJobId": r.smileJobId,
            "timedOut": r.timedOut,
            "status": jobStatus(r.status),
        ]
        // Absent once the job completed, as on Android.
        if let reason = r.incompleteReason { out["incompleteReason"] = incompleteReason(reason) }
        return out
    }

    private static func incompleteReason(_ r: IncompleteReason) -> String {
        switch r {
        case .timedOut: return "timedOut"
        case .statusUnavailable: return "statusUnavailable"
        case .uploadLost: return "uploadLost"
        }
    }

    /// A job_status answer: `jobStatus`'s value, and a result's `status`.
    static func jobStatus(_ s: JobStatus) -> [String: Any] {
        [
            "jobComplete": s.jobComplete,
            "jobSuccess": s.jobSuccess,
            "code": s.code,
            "resultMessage": s.resultMessage ?? NSNull(),
            "timestamp": s.timestamp,
            "json": s.json,
            "raw": s.raw,
            "result": s.result.map(jobResult) ?? NSNull(),
        ]
    }

    private static func jobResult(_ r: JobResult) -> [String: Any] {
        var out: [String: Any] = [
            "resultCode": r.resultCode,
            "resultText": r.resultText,
            "resultType": r.resultType ?? NSNull(),
            "smileJobId": r.smileJobId,
            "partnerParams": r.partnerParams,
            "actions": r.actions,
            "confidenceValue": r.confidenceValue ?? NSNull(),
            "country": r.country ?? NSNull(),
            "idType": r.idType ?? NSNull(),
            "idNumber": r.idNumber ?? NSNull(),
            "fullName": r.fullName ?? NSNull(),
            "dob": r.dob ?? NSNull(),
            "gender": r.gender ?? NSNull(),
            "json": r.json,
        ]
        if let v = r.isFinalResult { out["isFinalResult"] = v }
        if let v = r.isMachineResult { out["isMachineResult"] = v }
        return out
    }

    static func progress(jobId: String, event: ProgressEvent) -> [String: Any] {
        switch event {
        case .authenticating:
            return ["jobId": jobId, "type": "authenticating"]
        case .preparing:
            return ["jobId": jobId, "type": "preparing"]
        case let .uploading(sentBytes, totalBytes, percent):
            return ["jobId": jobId, "type": "uploading", "sentBytes": Double(sentBytes), "totalBytes": Double(totalBytes), "percent": percent]
        case let .polling(attempt, jobComplete):
            return ["jobId": jobId, "type": "polling", "attempt": attempt, "jobComplete": jobComplete]
        case let .done(jobComplete, jobSuccess):
            return ["jobId": jobId, "type": "done", "jobComplete": jobComplete, "jobSuccess": jobSuccess]
        }
    }

    static func pendingJobs(_ jobs: [PendingJob]) -> [[String: Any]] {
        jobs.map { j in
            [
                "jobId": j.jobId,
                "tag": j.tag,
                "jobType": Double(j.jobType),
                "state": jobState(j.state),
                "smileJobId": j.smileJobId ?? NSNull(),
                "createdAt": j.createdAt,
                "updatedAt": j.updatedAt,
            ]
        }
    }

    private static func jobState(_ s: JobState) -> String {
        switch s {
        case .captured: return "captured"
        case .prepared: return "prepared"
        case .uploaded: return "uploaded"
        case .complete: return "complete"
        case .failed: return "failed"
        }
    }

    static func resumedJobs(_ jobs: [ResumedJob]) -> [[String: Any]] {
        jobs.map { j in
            var out: [String: Any] = ["jobId": j.jobId]
            if let r = j.result { out["result"] = submitJobResult(r) }
            if let e = j.error { out["error"] = rejection(e).userInfo }
            return out
        }
    }

    static func tagImages(_ i: TagImages) -> [String: Any] {
        [
            "selfie": i.selfie ?? NSNull(),
            "liveness": i.liveness,
            "idCardFront": i.idCardFront ?? NSNull(),
            "idCardBack": i.idCardBack ?? NSNull(),
        ]
    }

    /// What `captureSelfieFromFiles` and `captureSelfie` resolve with.
    static func capturedTag(_ tag: String, _ i: TagImages) -> [String: Any] {
        ["tag": tag, "selfiePath": i.selfie ?? NSNull(), "livenessPaths": i.liveness]
    }

    // MARK: errors

    /// A rejection as JS sees it: `reject(code, message, NSError(userInfo))`.
    struct Rejection {
        let code: String
        let message: String
        let userInfo: [String: Any]
    }

    static func rejection(_ error: Error) -> Rejection {
        if let capture = error as? RnSmileIdCaptureError {
            let info = ["code": capture.rawValue, "message": capture.message]
            return Rejection(code: capture.rawValue, message: capture.message, userInfo: info)
        }
        guard let e = error as? SmileIdError else {
            // uniffi's internal errors (a panic in a synchronous call) and anything unforeseen.
            let message = String(describing: error)
            return Rejection(code: "internal", message: message, userInfo: ["code": "internal", "message": message])
        }
        var info: [String: Any] = ["code": e.errorCode(), "message": e.errorDetail()]
        if let field = e.errorField() { info["field"] = field }
        if case let .Api(_, _, _, apiCode, httpStatus) = e {
            info["apiCode"] = apiCode
            info["httpStatus"] = httpStatus
        }
        return Rejection(code: e.errorCode(), message: e.errorDetail(), userInfo: info)
    }

    static func invalid(_ field: String, _ detail: String) -> SmileIdError {
        SmileIdError.InvalidInput(code: "invalid_input", field: field, detail: "\(field) \(detail)")
    }

    // MARK: typed reads: a wrong type is an invalid_input naming the field

    private static func value(_ m: NSDictionary, _ key: String) -> Any? {
        guard let v = m[key], !(v is NSNull) else { return nil }
        return v
    }

    /// NSNumber holds JS numbers and booleans alike. A boolean's type code is `c` (char), which
    /// no JS number gets (doubles are `d`, integers `i`/`q`); Foundation on Linux has no
    /// CFBoolean to ask.
    private static func isBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    private static func string(_ m: NSDictionary, _ key: String, _ field: String) throws -> String? {
        guard let v = value(m, key) else { return nil }
        guard let s = v as? String else { throw invalid(field, "must be a string") }
        return s
    }

    private static func requireString(_ m: NSDictionary, _ key: String, _ field: String) throws -> String {
        guard let s = try string(m, key, field) else { throw invalid(field, "is required") }
        return s
    }

    private static func bool(_ m: NSDictionary, _ key: String, _ field: String) throws -> Bool? {
        guard let v = value(m, key) else { return nil }
        guard isBool(v), let b = v as? Bool else { throw invalid(field, "must be true or false") }
        return b
    }

    private static func double(_ m: NSDictionary, _ key: String, _ field: String) throws -> Double? {
        guard let v = value(m, key) else { return nil }
        guard !isBool(v), let n = v as? NSNumber else { throw invalid(field, "must be a number") }
        return n.doubleValue
    }

    private static func long(_ m: NSDictionary, _ key: String, _ field: String) throws -> Int64? {
        guard let d = try double(m, key, field) else { return nil }
        guard d.rounded() == d, d.isFinite else { throw invalid(field, "must be a whole number") }
        return Int64(d)
    }

    private static func requireLong(_ m: NSDictionary, _ key: String, _ field: String) throws -> Int64 {
        guard let n = try long(m, key, field) else { throw invalid(field, "is required") }
        return n
    }

    private static func dictionary(_ m: NSDictionary, _ key: String, _ field: String) throws -> NSDictionary? {
        guard let v = value(m, key) else { return nil }
        guard let d = v as? NSDictionary else { throw invalid(field, "must be an object") }
        return d
    }

    private static func strings(_ m: NSDictionary, _ key: String, _ field: String) throws -> [String]? {
        guard let v = value(m, key) else { return nil }
        guard let a = v as? [Any] else { throw invalid(field, "must be an array of strings") }
        return try a.enumerated().map { i, item in
            guard let s = item as? String else { throw invalid("\(field)[\(i)]", "must be a string") }
            return s
        }
    }
}
