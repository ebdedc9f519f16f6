// Using the Smile ID core from Swift (module SmileIdFfi, made by scripts/build-ios).
// Parsed by scripts/check-swift; it mirrors the Kotlin tests in bindings/kotlin/src/test.

import AVFoundation
import Foundation
import os
import SmileIdFfi

/// Hands the library's log to the unified logging system (the Console app, `log stream`). The lines
/// hold no secrets or personal data, so they are public. Installed once, process-wide (below).
final class OsLogger: SmileIdFfi.Logger {
    private let osLog = os.Logger(subsystem: "com.example.app", category: "SmileId")

    func log(record: LogRecord) {
        switch record.level {
        case .error: osLog.error("\(record.message, privacy: .public)")
        case .warn: osLog.warning("\(record.message, privacy: .public)")
        case .info: osLog.info("\(record.message, privacy: .public)")
        case .debug, .trace: osLog.debug("\(record.message, privacy: .public)")
        }
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
        case let .uploading(_, _, percent):
            print("\(jobId): upload \(percent) %")
        case let .polling(attempt, jobComplete):
            print("\(jobId): poll \(attempt), complete: \(jobComplete)")
        case let .done(jobComplete, jobSuccess):
            print("\(jobId): done (complete \(jobComplete), success \(jobSuccess))")
        }
    }
}

/// Mobile apps should not hold the API key: let the partner's backend sign each request.
final class Backend: SignatureProvider {
    func signature(partnerId: String) throws -> RequestSignature {
        // Call your server here; this runs on a background thread and may block.
        throw SmileIdError.Network(code: "network", field: nil, detail: "the example has no backend")
    }
}

/// Photo -> tag -> SmartSelfie Enrollment (4) -> Authentication (2) -> Biometric KYC (1).
func enrolAuthenticateVerify(baseUrl: String, partnerId: String, apiKey: String, photo: URL, folder: URL) async throws {
    setLogger(logger: OsLogger(), level: .info)
    let store = try TagStore(root: folder.path)
    let tag = try captureFromFiles(store: store, tag: "selfie-1", selfie: try Data(contentsOf: photo))

    let config = ClientConfig(
        partnerId: partnerId,
        auth: .apiKey(apiKey: apiKey), // or .authToken(authToken:), or .signatureProvider(provider: Backend())
        sandboxUrl: baseUrl,
        keepTagsAfterSuccess: true
    )
    let client = try SmileIdClient(config: config, tags: store)
    let user = PartnerParams(userId: "user-1")

    do {
        let enrol = try await client.submitJob(
            params: SubmitJobParams(tag: tag, jobType: 4, partnerParams: user, jobStatusPollingTimeoutMillis: 30_000),
            listener: Printer()
        )
        print("enrolment:", enrol.status.result?.resultCode ?? "pending", enrol.status.result?.json ?? "")

        let auth = try await client.submitJob(
            params: SubmitJobParams(tag: tag, jobType: 2, partnerParams: user, jobStatusPollingTimeoutMillis: 30_000)
        )
        print("authentication:", auth.status.result?.resultCode ?? "pending")

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
        if case let .Api(_, _, _, apiCode, httpStatus) = error {
            print("Smile ID said \(apiCode) (HTTP \(httpStatus))")
        }
    }
}

/// A job the user can cancel: cancelling keeps the tag and the job stays resumable.
func cancellableJob(client: SmileIdClient, tag: String) async {
    let task = client.startJob(
        params: SubmitJobParams(tag: tag, jobType: 4, jobStatusPollingTimeoutMillis: 60_000),
        listener: Printer()
    )
    // Later, e.g. when the user taps Cancel (a cancelled Swift Task around submitJob works too):
    task.cancel()
    do {
        _ = try await task.awaitResult()
    } catch SmileIdError.Cancelled {
        print("cancelled; pending jobs:", (try? client.pendingJobs().count) ?? 0)
    } catch {
        print("failed:", error)
    }
}

/// Camera frames (32BGRA) straight from AVFoundation: the pixel buffer is borrowed, not copied.
final class CameraFeed: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate {
    private let session: CaptureSession

    init(store: TagStore) throws {
        session = try CaptureSession(store: store, tag: nil, options: nil)
        super.init()
    }

    func captureOutput(_ output: AVCaptureOutput, didOutput sampleBuffer: CMSampleBuffer, from connection: AVCaptureConnection) {
        guard let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddress(pixels) else { return }
        let rowStride = CVPixelBufferGetBytesPerRow(pixels)
        let height = CVPixelBufferGetHeight(pixels)
        let bytes = Data(bytesNoCopy: base, count: rowStride * height, deallocator: .none)
        let seconds = CMTimeGetSeconds(CMSampleBufferGetPresentationTimeStamp(sampleBuffer))
        let info = FrameInfo(
            format: .bgra8888,
            width: Int32(CVPixelBufferGetWidth(pixels)),
            height: Int32(height),
            planes: [PlaneLayout(rowStride: Int32(rowStride), pixelStride: 4)],
            rotationDegrees: 90,
            timestampMs: Int64(seconds * 1000),
            smileProbability: nil,
            headPose: nil
        )
        do {
            switch try session.processBuffers(info: info, plane0: bytes, plane1: Data(), plane2: Data()) {
            case let .done(tag):
                print("captured", tag)
            case let .capturing(captured, total):
                print("hold still: \(captured)/\(total)")
            case .noFace, .multipleFaces, .moveCloser, .moveBack, .centerFace, .lookStraight, .tooDark, .holdStill, .smile:
                break // show the matching prompt
            }
        } catch {
            print("frame refused:", error)
        }
    }
}
