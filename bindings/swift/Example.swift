// Using the Smile ID core from Swift (module SmileIdFfi). Foundation only: scripts/test-swift
// compiles it on Linux as part of bindings/swift's package and ExampleTests runs it against the
// sandbox. The iPhone parts (os_log, AVFoundation) are in ios/Camera.swift.

import Foundation
import SmileIdFfi

/// One enrolment from a photo.
func enrol(baseUrl: String, partnerId: String, apiKey: String, photo: URL, folder: URL) async throws
    -> SubmitJobResult
{
    let store = try TagStore(root: folder.path)
    let tag = try captureFromFiles(
        store: store, tag: "selfie-1", selfie: try Data(contentsOf: photo))
    let client = try SmileIdClient(
        config: ClientConfig(
            partnerId: partnerId, auth: .apiKey(apiKey: apiKey), sandboxUrl: baseUrl),
        tags: store
    )
    do {
        let result = try await client.submitJob(
            params: SubmitJobParams(
                tag: tag, jobType: 4, partnerParams: PartnerParams(userId: "user-1"),
                jobStatusPollingTimeoutMillis: 30_000)
        )
        print(result.status.result?.resultCode ?? "pending")
        return result
    } catch let error as SmileIdError {
        print("failed:", error.errorCode(), error.errorField() ?? "-", error.errorDetail())
        throw error
    }
}

/// Follows a job. Called on the library's worker threads: hop to the main actor for UI work.
final class Printer: ProgressListener {
    func onProgress(jobId: String, event: ProgressEvent) {
        switch event {
        case .authenticating:
            print("\(jobId): signing")
        case .preparing:
            print("\(jobId): creating the job")
        case .uploading(_, _, let percent):
            print("\(jobId): upload \(percent) %")
        case .polling(let attempt, let jobComplete):
            print("\(jobId): poll \(attempt), complete: \(jobComplete)")
        case .done(let jobComplete, let jobSuccess):
            print("\(jobId): done (complete \(jobComplete), success \(jobSuccess))")
        }
    }
}

/// Mobile apps should not hold the API key: let the partner's backend sign each request.
final class Backend: SignatureProvider {
    func signature(partnerId: String) throws -> RequestSignature {
        // Call your server here; this runs on a background thread and may block.
        throw SmileIdError.Network(
            code: "network", field: nil, detail: "the example has no backend")
    }
}

/// Photo -> tag -> SmartSelfie Enrollment (4) -> Authentication (2) -> Biometric KYC (1), with the
/// library's log going to `logger` (on iOS: `OsLogger`).
func enrolAuthenticateVerify(
    baseUrl: String, partnerId: String, apiKey: String, userId: String, photo: URL, idCard: URL,
    folder: URL, logger: Logger
) async throws {
    setLogger(logger: logger, level: .info)
    let store = try TagStore(root: folder.path)
    let tag = try captureFromFiles(
        store: store, tag: "selfie-1", selfie: try Data(contentsOf: photo))

    let config = ClientConfig(
        partnerId: partnerId,
        // Or .authToken(authToken:), or .signatureProvider(provider: Backend()).
        auth: .apiKey(apiKey: apiKey),
        sandboxUrl: baseUrl,
        keepTagsAfterSuccess: true
    )
    let client = try SmileIdClient(config: config, tags: store)
    let user = PartnerParams(userId: userId)

    do {
        let enrol = try await client.submitJob(
            params: SubmitJobParams(
                tag: tag, jobType: 4, partnerParams: user, jobStatusPollingTimeoutMillis: 30_000),
            listener: Printer()
        )
        print(
            "enrolment:", enrol.status.result?.resultCode ?? "pending",
            enrol.status.result?.json ?? "")

        let auth = try await client.submitJob(
            params: SubmitJobParams(
                tag: tag, jobType: 2, partnerParams: user, jobStatusPollingTimeoutMillis: 30_000)
        )
        print("authentication:", auth.status.result?.resultCode ?? "pending")

        _ = try addIdCard(store: store, tag: tag, side: .front, image: try Data(contentsOf: idCard))
        let kyc = try await client.submitJob(
            params: SubmitJobParams(
                tag: tag,
                jobType: 1,
                partnerParams: user,
                idInfo: IdInfo(country: "NG", idType: "BVN", idNumber: "00000000000"),
                jobStatusPollingTimeoutMillis: 30_000
            )
        )
        print("KYC:", kyc.status.result?.resultCode ?? "pending", kyc.status.result?.fullName ?? "")
    } catch let error as SmileIdError {
        // Stable code, the field to fix (if any) and a readable detail.
        print("failed:", error.errorCode(), error.errorField() ?? "-", error.errorDetail())
        if case .Api(_, _, _, let apiCode, let httpStatus) = error {
            print("Smile ID said \(apiCode) (HTTP \(httpStatus))")
        }
        throw error
    }
}

/// A job the user can cancel: cancelling keeps the tag; a job cancelled once sent stays pending
/// for resumePendingJobs().
func cancellableJob(client: SmileIdClient, tag: String) async {
    let task = client.startJob(
        params: SubmitJobParams(tag: tag, jobType: 4, jobStatusPollingTimeoutMillis: 60_000),
        listener: Printer()
    )
    // Later, e.g. when the user taps Cancel.
    task.cancel()
    do {
        _ = try await task.awaitResult()
    } catch SmileIdError.Cancelled {
        print("cancelled; pending jobs:", (try? client.pendingJobs().count) ?? 0)
    } catch {
        print("failed:", error)
    }
}

/// The same with Swift concurrency: cancelling the Task (a SwiftUI `.task` whose view goes away,
/// `task.cancel()`) cancels the job. Plain `submitJob` would run on: uniffi's async calls do not
/// see Task cancellation.
func jobOfAScreen(client: SmileIdClient, tag: String) -> Task<SubmitJobResult, Error> {
    Task {
        try await client.submitJobCancellable(
            params: SubmitJobParams(tag: tag, jobType: 4, jobStatusPollingTimeoutMillis: 60_000),
            listener: Printer()
        )
    }
}

/// A client whose requests go through URLSession, not the library's own HTTP stack (which the
/// mobile build does not have): App Transport Security and the system's trust store apply, and
/// `pins` (host to `sha256/` and the base64 SHA-256 of a public key) are checked on iOS and
/// macOS. URLSession on Linux cannot check pins: there a transport with pins throws.
func clientOverURLSession(
    partnerId: String, apiKey: String, baseUrl: String, store: TagStore, pins: [String: [String]]
) throws -> SmileIdClient {
    let transport = try URLSessionTransport(pins: pins)
    return try SmileIdClient(
        config: ClientConfig(
            partnerId: partnerId, auth: .apiKey(apiKey: apiKey), sandboxUrl: baseUrl,
            transport: transport),
        tags: store
    )
}

/// One 32BGRA camera frame (a locked `CVPixelBuffer`'s bytes, wrapped without copying by
/// `Data(bytesNoCopy:count:deallocator: .none)`) through the capture session.
func process(
    session: CaptureSession, bgra: Data, bytesPerRow: Int, width: Int, height: Int, seconds: Double
) -> Guidance? {
    let info = FrameInfo(
        format: .bgra8888,
        width: Int32(width),
        height: Int32(height),
        planes: [PlaneLayout(rowStride: Int32(bytesPerRow), pixelStride: 4)],
        rotationDegrees: 90,
        timestampMs: Int64(seconds * 1000),
        smileProbability: nil,
        headPose: nil
    )
    do {
        let guidance = try session.processBuffers(
            info: info, plane0: bgra, plane1: Data(), plane2: Data())
        switch guidance {
        case .done(let tag):
            print("captured", tag)
        case .capturing(let captured, let total):
            print("hold still: \(captured)/\(total)")
        case .noFace, .multipleFaces, .moveCloser, .moveBack, .centerFace, .lookStraight, .tooDark,
            .holdStill, .smile:
            break  // show the matching prompt
        }
        return guidance
    } catch {
        print("frame refused:", error)
        return nil
    }
}
