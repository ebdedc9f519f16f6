import Foundation
import SmileIdFfi
import SmileIdTestSupport
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A URLSessionTransport whose requests are noted as the library made them: each one's method
/// and path with the status it got, or why it failed (and whether its Swift task was cancelled).
final class ObservedTransport: HttpTransport, @unchecked Sendable {
    let urlSession: URLSessionTransport
    private let lock = NSLock()
    private var sent: [String] = []
    private var answers: [String] = []
    private var failed: [String] = []

    init(_ urlSession: URLSessionTransport) {
        self.urlSession = urlSession
    }

    func send(request: HttpRequest, progress: UploadProgress?) async throws -> HttpResponse {
        let line = "\(request.method)".uppercased() + " " + (URL(string: request.url)?.path ?? "")
        locked { sent.append(line) }
        do {
            let response = try await urlSession.send(request: request, progress: progress)
            locked { answers.append("\(line) \(response.status)") }
            return response
        } catch {
            let cancelled = Task.isCancelled ? " (task cancelled)" : ""
            locked { failed.append("\(line): \(error)\(cancelled)") }
            throw error
        }
    }

    /// `METHOD /path` of every request, in the order they were sent.
    var requests: [String] { locked { sent } }
    /// `METHOD /path status` of every answer.
    var statuses: [String] { locked { answers } }
    /// `METHOD /path: error` of every failed request.
    var failures: [String] { locked { failed } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// The session's tasks that have not ended.
func tasksInFlight(_ session: URLSession) async -> [URLSessionTask] {
    await withCheckedContinuation { done in
        session.getAllTasks { tasks in
            done.resume(returning: tasks.filter { $0.state != .completed })
        }
    }
}

/// Waits until `condition` holds, checking every 10 ms; throws after 30 s.
func waitUntilAsync(_ what: String, _ condition: () async -> Bool) async throws {
    let deadline = Date().addingTimeInterval(30)
    while await !condition() {
        guard Date() < deadline else { throw WaitTimedOut(what: what) }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
}

/// Enrolment then authentication of a new user, each job run to success through `client`, its
/// upload reported up to the last byte.
func enrolThenAuthenticate(_ client: SmileIdClient, tag: String) async throws {
    let user = "user-\(UUID().uuidString)"
    for jobType: Int64 in [4, 2] {
        let listener = RecordingListener()
        let result = try await client.submitJob(
            params: jobParams(tag: tag, jobType: jobType, userId: user), listener: listener)
        XCTAssertTrue(result.status.jobComplete && result.status.jobSuccess, result.status.raw)
        let uploads = listener.snapshot().compactMap { entry -> (Int64, Int64)? in
            guard case .uploading(let sent, let total, _) = entry.event else { return nil }
            return (sent, total)
        }
        let last = try XCTUnwrap(uploads.last, "upload progress reported")
        XCTAssertTrue(last.0 == last.1 && last.1 > 0, "\(uploads)")
    }
}

/// A port on 127.0.0.1 nothing listens on: the system picks a free one, which is then closed.
func closedPort() throws -> Int {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { throw NoFreePort(errno: errno) }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct NoFreePort: Error {
    let errno: Int32
}

/// No retries: one attempt per step.
let noRetry = RetryPolicy(budgetMillis: 0, initialDelayMillis: 0, maxDelayMillis: 0)
