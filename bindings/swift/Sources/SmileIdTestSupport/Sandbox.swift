import Foundation
import SmileIdFfi

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real sandbox binary as a child process on 127.0.0.1, port 0, with its own database; over
/// https with a CA of its own when `tls`. Reads the `SANDBOX_READY {json}` line it prints once
/// listening.
public final class Sandbox {
    public let baseUrl: String
    public let partnerId: String
    public let apiKey: String
    public let authToken: String
    /// The PEM file of the CA that signed the sandbox's certificate (https only).
    public let caCertPath: String?
    private let process = Process()
    private let dir: URL

    /// The sandbox's `SANDBOX_READY` line (snake_case keys).
    private struct Ready: Decodable {
        let baseUrl: String
        let partnerId: String
        let apiKey: String
        let authToken: String
        let caCertPath: String?
    }

    /// `faults`: the sandbox's `--faults` rules, e.g. `job_status:delay=30000:1`.
    public init(processingDelayMs: Int = 200, faults: String? = nil, tls: Bool = false) throws {
        dir = try makeTempDirectory("smileid-sandbox")
        let stderrPath = dir.appendingPathComponent("stderr.log").path
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: TestEnv.sandboxBin)
        process.arguments =
            [
                "serve", "--port", "0",
                "--db", dir.appendingPathComponent("sandbox.db").path,
                "--processing-delay-ms", String(processingDelayMs),
            ] + (faults.map { ["--faults", $0] } ?? [])
            + (tls ? ["--tls", "--tls-dir", dir.path] : [])
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()

        let reader = stdout.fileHandleForReading
        var buffered = Data()
        var ready: Ready?
        while ready == nil {
            let chunk = reader.availableData
            if chunk.isEmpty {
                let log = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
                throw ToolError(description: "sandbox exited before SANDBOX_READY: \(log)")
            }
            buffered.append(chunk)
            // Whole lines only: the last piece may be cut mid-line.
            for line in String(decoding: buffered, as: UTF8.self).components(separatedBy: "\n")
                .dropLast() where line.hasPrefix("SANDBOX_READY ")
            {
                ready = try snakeCase.decode(
                    Ready.self, from: Data(line.dropFirst("SANDBOX_READY ".count).utf8))
            }
        }
        // Keep draining stdout so the child never blocks on a full pipe.
        Thread { while !reader.availableData.isEmpty {} }.start()
        baseUrl = ready!.baseUrl
        partnerId = ready!.partnerId
        apiKey = ready!.apiKey
        authToken = ready!.authToken
        caCertPath = ready!.caCertPath
    }

    /// A client config in API-key mode (unless `auth` says otherwise) pointed at this sandbox
    /// (or `url`), polling every 50 ms, with `transport` and `retry` when given.
    public func config(
        auth: Auth? = nil,
        keepTags: Bool = true,
        url: String? = nil,
        retry: RetryPolicy? = nil,
        transport: HttpTransport? = nil
    ) -> ClientConfig {
        ClientConfig(
            partnerId: partnerId,
            auth: auth ?? .apiKey(apiKey: apiKey),
            sandboxUrl: url ?? baseUrl,
            pollIntervalMillis: 50,
            retry: retry,
            keepTagsAfterSuccess: keepTags,
            transport: transport
        )
    }

    /// Faults injected so far (`GET /__sandbox/stats`). A `delay` fault is counted when its
    /// request arrives, before the delay: counted means the request is in flight.
    public func faultsInjected() throws -> Int {
        struct Stats: Decodable {
            let faultsInjected: Int
        }
        let url = URL(string: "/__sandbox/stats", relativeTo: URL(string: baseUrl))!
        return try snakeCase.decode(Stats.self, from: Data(contentsOf: url)).faultsInjected
    }

    public func close() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }
}

/// A fresh tag store in a temporary folder.
public func tempStore() throws -> TagStore {
    try TagStore(root: makeTempDirectory("smileid-tags").path)
}

/// What a partner's backend does: HMAC-SHA256 over timestamp + partner id + "sid_request",
/// Base64. Foundation on Linux has no HMAC, so the `openssl` tool computes it.
public func sign(apiKey: String, partnerId: String) throws -> RequestSignature {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let timestamp = formatter.string(from: Date())
    let mac = try runTool(
        "openssl", ["dgst", "-sha256", "-hmac", apiKey, "-binary"],
        input: Data((timestamp + partnerId + "sid_request").utf8))
    return RequestSignature(signature: mac.base64EncodedString(), timestamp: timestamp)
}

/// Reads the sandbox's snake_case JSON into camelCase properties.
private let snakeCase: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
}()
