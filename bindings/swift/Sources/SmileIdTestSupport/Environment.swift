import Foundation

/// Paths handed over by scripts/test-swift.
public enum TestEnv {
    /// The `smileid-sandbox` binary.
    public static var sandboxBin: String { variable("SMILEID_SANDBOX_BIN") }
    /// The repository's testdata/ folder.
    public static var testdata: URL { URL(fileURLWithPath: variable("SMILEID_TESTDATA")) }

    public static func face(_ name: String) -> URL {
        testdata.appendingPathComponent("faces").appendingPathComponent(name)
    }

    /// A face photo's JPEG bytes.
    public static func faceData(_ name: String) throws -> Data {
        try Data(contentsOf: face(name))
    }

    /// A document photo's bytes (testdata/documents, made by scripts/make_documents.py).
    public static func documentData(_ name: String) throws -> Data {
        try Data(
            contentsOf: testdata.appendingPathComponent("documents").appendingPathComponent(name))
    }

    private static func variable(_ name: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            fatalError("\(name) is not set: run the Swift tests with scripts/test-swift")
        }
        return value
    }
}

/// A new empty folder under the temporary directory.
public func makeTempDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct ToolError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a command-line tool found on PATH, feeding it `input`; returns its standard output. Its
/// standard error (a few lines at most) is kept for the error when it fails.
public func runTool(_ tool: String, _ arguments: [String], input: Data = Data()) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolError(
            description: "\(tool) exited with status \(process.terminationStatus): \(errors)")
    }
    return output
}
