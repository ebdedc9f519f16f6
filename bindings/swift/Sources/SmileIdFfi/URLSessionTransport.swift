// The library's requests on URLSession, shipped beside the generated SmileIdFfi.swift, in the
// same module: `ClientConfig.transport` for apps, `RnPlatform.httpTransport` for React Native.

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Security)
    import Security
#endif

/// The library's requests on URLSession: the configuration's proxy and settings, the app's App
/// Transport Security rules and the system's trust store apply to them. Pass it as
/// `ClientConfig.transport`. Bodies go out with their length (`Content-Length`, never chunked),
/// files streamed from disk; upload progress is reported as the body goes out. When the library
/// stops waiting (a job's deadline, a cancelled job) the URLSessionTask is cancelled.
///
/// `pins` adds certificate pins, as OkHttp's CertificatePinner takes them: host (or `*.` one
/// label, `**.` any labels) to SHA-256 hashes of public keys, each `sha256/` and the base64
/// hash of a certificate's SubjectPublicKeyInfo. A connection whose chain has none of its
/// host's keys fails with a `Network` error saying the pin failed. Pins are checked after the
/// system's own evaluation, on Apple platforms; on Linux, where FoundationNetworking (libcurl)
/// never shows the server's certificate, `init` throws when given pins.
public final class URLSessionTransport: HttpTransport, @unchecked Sendable {
    /// The session every request goes through, made from the configuration, with this
    /// transport's delegate (which sees each task's progress, answer and server trust).
    public let session: URLSession

    /// `configuration`: the app's (proxy, cache, cookies, headers...); the default one otherwise.
    /// Throws `CertificatePinError` for a malformed pin, and on Linux for any pin.
    public convenience init(
        configuration: URLSessionConfiguration = .default,
        pins: [String: [String]] = [:]
    ) throws {
        #if canImport(Security)
            try self.init(configuration: configuration, pins: pins, anchors: [])
        #else
            let checked = try CertificatePins(pins)
            if let host = pins.keys.sorted().first, !checked.isEmpty {
                throw CertificatePinError(
                    host: host,
                    description: "certificate pins cannot be enforced here: URLSession on Linux "
                        + "(FoundationNetworking, libcurl) does not show the server's certificate "
                        + "to the app; pin on iOS or macOS, or leave the pins out")
            }
            self.init(session: configuration, delegate: TaskEvents())
        #endif
    }

    #if canImport(Security)
        /// Also trusts certificates issued by `anchors` (a private CA, a test server's), besides
        /// the system's trusted roots.
        public convenience init(
            configuration: URLSessionConfiguration = .default,
            pins: [String: [String]] = [:],
            anchors: [SecCertificate]
        ) throws {
            let policy = ServerTrustPolicy(pins: try CertificatePins(pins), anchors: anchors)
            self.init(session: configuration, delegate: TaskEvents(trust: policy))
        }
    #endif

    private let events: TaskEvents
    /// A day: longer limits are taken as this one (a DispatchTime must not overflow).
    private static let longestMillis = 86_400_000

    private init(session configuration: URLSessionConfiguration, delegate: TaskEvents) {
        events = delegate
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
    }

    public func send(request: HttpRequest, progress: UploadProgress?) async throws -> HttpResponse {
        let task = try makeTask(request)
        let call = Call(url: request.url, progress: progress)
        events.add(call, for: task)
        let limit = min(max(1, Int(clamping: request.timeoutMillis)), Self.longestMillis)
        // Weak: the queue keeps a cancelled item until its time, and the call its answer.
        let deadline = DispatchWorkItem { [weak call, weak task] in
            call?.finish(.failure(.Timeout(detail: "no complete answer within \(limit) ms")))
            task?.cancel()
        }
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .milliseconds(limit), execute: deadline)
        defer {
            deadline.cancel()
            // A task cancelled before it started may never report its end.
            events.forget(task)
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if call.start(continuation) { task.resume() }
            }
        } onCancel: {
            call.finish(.failure(.Other(detail: "cancelled")))
            task.cancel()
        }
    }

    private func makeTask(_ request: HttpRequest) throws -> URLSessionTask {
        guard let url = URL(string: request.url) else {
            throw TransportError.Other(detail: "the URL does not parse")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.name
        // URLSession's own limit is one without any byte coming in; the whole call's is ours.
        urlRequest.timeoutInterval = TimeInterval(max(1, request.timeoutMillis)) / 1000
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        switch request.body {
        case .empty where request.method == .get:
            return session.dataTask(with: urlRequest)
        case .empty:
            return session.uploadTask(with: urlRequest, from: Data())
        case .bytes(let bytes):
            return session.uploadTask(with: urlRequest, from: bytes)
        case .file(let path):
            return session.uploadTask(with: urlRequest, fromFile: URL(fileURLWithPath: path))
        }
    }
}

extension HttpMethod {
    fileprivate var name: String {
        switch self {
        case .get: return "GET"
        case .post: return "POST"
        case .put: return "PUT"
        }
    }
}

/// One request in flight: its progress listener, the answer as it comes in, and the
/// continuation that gets the outcome, exactly once (the answer, or a failure decided first:
/// the deadline, a cancellation, a refused certificate).
private final class Call: @unchecked Sendable {
    let progress: UploadProgress?
    /// Kept out of every error's detail: it may carry credentials.
    private let url: String
    private let lock = NSLock()
    private var continuation: CheckedContinuation<HttpResponse, Error>?
    private var outcome: Result<HttpResponse, TransportError>?
    private var body = Data()
    private var answering = false

    init(url: String, progress: UploadProgress?) {
        self.url = url
        self.progress = progress
    }

    /// Takes the continuation; false when the outcome is already known (it is then resumed).
    func start(_ continuation: CheckedContinuation<HttpResponse, Error>) -> Bool {
        lock.lock()
        guard let outcome else {
            self.continuation = continuation
            lock.unlock()
            return true
        }
        lock.unlock()
        continuation.resume(with: outcome.mapError { $0 as Error })
        return false
    }

    /// Settles the call; later outcomes are ignored.
    func finish(_ result: Result<HttpResponse, TransportError>) {
        lock.lock()
        guard outcome == nil else { return lock.unlock() }
        outcome = result
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(with: result.mapError { $0 as Error })
    }

    func answered() { locked { answering = true } }

    func received(_ data: Data) { locked { body.append(data) } }

    /// The task ended: with `error`, or with `response` and the body received.
    func completed(_ response: URLResponse?, _ error: Error?) {
        let (body, answering) = locked { (self.body, self.answering) }
        if let error {
            return finish(.failure(transportError(error, answering: answering)))
        }
        guard let http = response as? HTTPURLResponse else {
            return finish(.failure(.Other(detail: "the answer is not HTTP")))
        }
        let headers = http.allHeaderFields.map { name, value in
            HttpHeader(name: "\(name)", value: "\(value)")
        }
        finish(.success(HttpResponse(status: Int32(http.statusCode), headers: headers, body: body)))
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The library's kind of failure for what URLSession said; the detail never holds the URL.
    private func transportError(_ error: Error, answering: Bool) -> TransportError {
        let detail = (error as NSError).localizedDescription
            .replacingOccurrences(of: url, with: "the URL")
        switch (error as? URLError)?.code {
        case .cannotConnectToHost?: return .ConnectionRefused(detail: detail)
        case .cannotFindHost?, .dnsLookupFailed?: return .Dns(detail: detail)
        case .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
            .serverCertificateHasUnknownRoot?, .serverCertificateNotYetValid?,
            .secureConnectionFailed?:
            return .UntrustedCertificate(detail: detail)
        case .timedOut?: return .Timeout(detail: detail)
        case .networkConnectionLost? where !answering, .badServerResponse?:
            return .ConnectionReset(detail: detail)
        case .appTransportSecurityRequiresSecureConnection?:
            return .Other(
                detail: "\(detail) (App Transport Security: for a local sandbox over http, add "
                    + "NSAllowsLocalNetworking to the app's NSAppTransportSecurity)")
        // libcurl's TLS failures and most resets (FoundationNetworking on Linux) have no code
        // of their own, only libcurl's text.
        case .unknown? where detail.contains("certificate"):
            return .UntrustedCertificate(detail: detail)
        case .unknown? where detail.contains("reset by peer") && !answering:
            return .ConnectionReset(detail: detail)
        default:
            return answering ? .BrokenBody(detail: detail) : .Other(detail: detail)
        }
    }
}

/// The session's delegate: hands each task's events to its call.
private final class TaskEvents: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [Int: Call] = [:]
    #if canImport(Security)
        private let trust: ServerTrustPolicy

        init(trust: ServerTrustPolicy) {
            self.trust = trust
            super.init()
        }
    #endif

    func add(_ call: Call, for task: URLSessionTask) {
        lock.lock()
        defer { lock.unlock() }
        calls[task.taskIdentifier] = call
    }

    func forget(_ task: URLSessionTask) {
        _ = call(task, removing: true)
    }

    private func call(_ task: URLSessionTask, removing: Bool = false) -> Call? {
        lock.lock()
        defer { lock.unlock() }
        return removing
            ? calls.removeValue(forKey: task.taskIdentifier) : calls[task.taskIdentifier]
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64,
        totalBytesSent: Int64, totalBytesExpectedToSend: Int64
    ) {
        call(task)?.progress?.sent(sentBytes: totalBytesSent, totalBytes: totalBytesExpectedToSend)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        call(dataTask)?.answered()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        call(dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?)
    {
        call(task, removing: true)?.completed(task.response, error)
    }

    #if canImport(Security)
        typealias ChallengeAnswer =
            @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void

        // Without the session-level method, server-trust challenges come here, with their task.
        // (The signature is the SDK's, @Sendable included: a near miss would never be called.)
        func urlSession(
            _ session: URLSession, task: URLSessionTask,
            didReceive challenge: URLAuthenticationChallenge,
            completionHandler: @escaping ChallengeAnswer
        ) {
            let space = challenge.protectionSpace
            guard space.authenticationMethod == NSURLAuthenticationMethodServerTrust,
                let serverTrust = space.serverTrust, !trust.isDefault
            else { return completionHandler(.performDefaultHandling, nil) }
            if let refusal = trust.refusal(serverTrust, host: space.host) {
                call(task)?.finish(.failure(refusal))
                return completionHandler(.cancelAuthenticationChallenge, nil)
            }
            completionHandler(.useCredential, URLCredential(trust: serverTrust))
        }
    #endif
}
