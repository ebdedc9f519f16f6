import Foundation
import SmileIdFfi

/// Records every progress event, in arrival order, from any thread.
public final class RecordingListener: ProgressListener, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(jobId: String, event: ProgressEvent)] = []

    public init() {}

    public func onProgress(jobId: String, event: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        events.append((jobId, event))
    }

    public func snapshot() -> [(jobId: String, event: ProgressEvent)] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}

/// Records every log line the library hands over.
public final class RecordingLogger: Logger, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LogRecord] = []

    public init() {}

    public func log(record: LogRecord) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(record)
    }

    public var records: [LogRecord] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
