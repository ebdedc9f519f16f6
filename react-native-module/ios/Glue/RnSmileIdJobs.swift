// The calls in flight (so JS can cancel one by id) and the bridge that lets the app's JS
// signature function sign requests. Foundation and SmileIdFfi only; twins of the Kotlin
// `RunningJobs` and `SignatureBridge`.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

/// A running call's handle in the bindings: each can be cancelled from JS.
protocol RnSmileIdCancellable: AnyObject {
    func cancel()
    func isFinished() -> Bool
}

/// A handle whose call JS awaits.
protocol RnSmileIdAwaitable: RnSmileIdCancellable {
    associatedtype Output
    func awaitResult() async throws -> Output
}

extension JobTask: RnSmileIdAwaitable {}
extension StatusTask: RnSmileIdAwaitable {}
extension ResumeTask: RnSmileIdAwaitable {}

/// Running calls by id: jobs and job_status requests under their job id (the one the app passed
/// or, when the core generated one, the one from the job's first progress event).
final class RnSmileIdRunningJobs {
    private var tasks: [String: RnSmileIdCancellable] = [:]
    private let lock = NSLock()

    func add(_ id: String, _ task: RnSmileIdCancellable) {
        guard !id.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        tasks[id] = task
    }

    func remove(_ task: RnSmileIdCancellable) {
        lock.lock()
        defer { lock.unlock() }
        tasks = tasks.filter { $0.value !== task }
    }

    /// Cancels the call; false when none with this id is running.
    func cancel(_ id: String) -> Bool {
        lock.lock()
        let task = tasks.removeValue(forKey: id)
        lock.unlock()
        task?.cancel()
        return task != nil
    }

    /// Cancels every call; false when none was running.
    @discardableResult
    func cancelAll() -> Bool {
        lock.lock()
        let all = Array(tasks.values)
        tasks.removeAll()
        lock.unlock()
        all.forEach { $0.cancel() }
        return !all.isEmpty
    }

    /// Awaits `task`'s result, cancellable under `id` meanwhile.
    func awaiting<T: RnSmileIdAwaitable>(_ id: String, _ task: T) async throws -> T.Output {
        add(id, task)
        defer { remove(task) }
        return try await task.awaitResult()
    }
}

/// Called by the library on a worker thread: asks JS (`onSignatureRequest`) and waits for
/// `resolveSignature` / `rejectSignature`, at most `timeout` seconds.
/// The lock guards the waiting requests.
final class RnSmileIdSignatureBridge: SignatureProvider, @unchecked Sendable {
    private final class Waiting {
        let done = DispatchSemaphore(value: 0)
        var answer: Result<RequestSignature, SmileIdError>?
    }

    private let ask: (_ requestId: String, _ partnerId: String) -> Void
    private let timeout: TimeInterval
    private var waiting: [String: Waiting] = [:]
    private let lock = NSLock()

    init(
        timeout: TimeInterval = 30,
        ask: @escaping (_ requestId: String, _ partnerId: String) -> Void
    ) {
        self.timeout = timeout
        self.ask = ask
    }

    func signature(partnerId: String) throws -> RequestSignature {
        let requestId = UUID().uuidString
        let entry = Waiting()
        lock.lock()
        waiting[requestId] = entry
        lock.unlock()
        defer {
            lock.lock()
            waiting.removeValue(forKey: requestId)
            lock.unlock()
        }
        ask(requestId, partnerId)
        let answered = entry.done.wait(timeout: .now() + timeout) == .success
        guard answered, let answer = entry.answer else {
            throw network("the app's signature function did not answer within \(Int(timeout)) s")
        }
        return try answer.get()
    }

    func resolve(requestId: String, signature: String, timestamp: String) {
        finish(requestId, .success(RequestSignature(signature: signature, timestamp: timestamp)))
    }

    func reject(requestId: String, message: String) {
        finish(requestId, .failure(network("the app's signature function failed: \(message)")))
    }

    private func finish(_ requestId: String, _ answer: Result<RequestSignature, SmileIdError>) {
        lock.lock()
        let entry = waiting[requestId]
        lock.unlock()
        entry?.answer = answer
        entry?.done.signal()
    }

    private func network(_ detail: String) -> SmileIdError {
        SmileIdError.Network(code: "network", field: "signature", detail: detail)
    }
}
