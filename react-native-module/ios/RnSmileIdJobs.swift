// The jobs in flight (so JS can cancel one by id) and the bridge that lets the app's JS
// signature function sign requests. Foundation and SmileIdFfi only; twins of the Kotlin
// `RunningJobs` and `SignatureBridge`.

import Foundation
// The bindings are compiled into this pod (ios/generated/SmileIdFfi.swift); a separate module
// when the app links them itself.
#if canImport(SmileIdFfi)
import SmileIdFfi
#endif

/// Running jobs by job id: known under the id the app passed or, when the core generated one,
/// from the job's first progress event.
final class RnSmileIdRunningJobs {
    private var tasks: [String: JobTask] = [:]
    private let lock = NSLock()

    func add(_ jobId: String, _ task: JobTask) {
        guard !jobId.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        tasks[jobId] = task
    }

    func remove(_ task: JobTask) {
        lock.lock()
        defer { lock.unlock() }
        tasks = tasks.filter { $0.value !== task }
    }

    /// Cancels the job; false when no job with this id is running.
    func cancel(_ jobId: String) -> Bool {
        lock.lock()
        let task = tasks.removeValue(forKey: jobId)
        lock.unlock()
        task?.cancel()
        return task != nil
    }

    func cancelAll() {
        lock.lock()
        let all = Array(tasks.values)
        tasks.removeAll()
        lock.unlock()
        all.forEach { $0.cancel() }
    }
}

/// Called by the library on a worker thread: asks JS (`onSignatureRequest`) and waits for
/// `resolveSignature` / `rejectSignature`, at most `timeout` seconds.
final class RnSmileIdSignatureBridge: SignatureProvider {
    private final class Waiting {
        let done = DispatchSemaphore(value: 0)
        var answer: Result<RequestSignature, SmileIdError>?
    }

    private let ask: (_ requestId: String, _ partnerId: String) -> Void
    private let timeout: TimeInterval
    private var waiting: [String: Waiting] = [:]
    private let lock = NSLock()

    init(timeout: TimeInterval = 30, ask: @escaping (_ requestId: String, _ partnerId: String) -> Void) {
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
        guard entry.done.wait(timeout: .now() + timeout) == .success, let answer = entry.answer else {
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
