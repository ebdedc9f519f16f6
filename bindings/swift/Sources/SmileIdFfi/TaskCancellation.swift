// uniffi's Swift async methods do not see Swift Task cancellation: a cancelled Task that awaits
// `submitJob` leaves the job running. These run the same calls through their task handles
// (`startJob`, `startJobStatus`, `startResumePendingJobs`) and cancel the handle when the
// awaiting Task is cancelled. Shipped beside the generated SmileIdFfi.swift, in the same module.

import Foundation

extension SmileIdClient {
    /// `submitJob` that stops when the calling Task is cancelled: it then throws
    /// `SmileIdError.Cancelled`, no request or progress event follows, the tag is left as it was
    /// and a job already sent stays pending for `resumePendingJobs`.
    public func submitJobCancellable(
        params: SubmitJobParams,
        listener: ProgressListener? = nil
    ) async throws -> SubmitJobResult {
        let task = startJob(params: params, listener: listener)
        return try await cancellingWithTask({ task.cancel() }, task.awaitResult)
    }

    /// `jobStatus` that stops when the calling Task is cancelled (`SmileIdError.Cancelled`).
    public func jobStatusCancellable(job: JobRef) async throws -> JobStatus {
        let task = startJobStatus(job: job)
        return try await cancellingWithTask({ task.cancel() }, task.awaitResult)
    }

    /// `resumePendingJobs` that stops when the calling Task is cancelled
    /// (`SmileIdError.Cancelled`; the job in progress stays pending).
    public func resumePendingJobsCancellable(
        listener: ProgressListener? = nil
    ) async throws -> [ResumedJob] {
        let task = startResumePendingJobs(listener: listener)
        return try await cancellingWithTask({ task.cancel() }, task.awaitResult)
    }
}

/// Awaits `result`; cancelling the awaiting Task calls `cancel` (at once if already cancelled).
private func cancellingWithTask<T>(
    _ cancel: @escaping @Sendable () -> Void,
    _ result: () async throws -> T
) async throws -> T {
    try await withTaskCancellationHandler(operation: result, onCancel: cancel)
}
