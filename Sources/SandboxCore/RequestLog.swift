import DequeModule
import ReferralKit

/// The last requests the sandbox answered (method, path, status, ids), newest last; bounded.
public actor RequestLog {
    public struct Entry: Sendable, Equatable {
        public var method: String
        public var path: String
        public var status: Int
        public var requestId: String
        public var correlationId: String
        /// The fault applied, if any.
        public var fault: String?
    }

    /// A deque: once the log is full, each request drops the oldest entry in constant time
    /// (an array shifted all 1,000 entries, on every request).
    private var entries = Deque<Entry>()
    private let limit: Int

    public init(limit: Int = 1000) { self.limit = limit }

    public func record(_ entry: Entry) {
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    public var all: [Entry] { Array(entries) }
    public func clear() { entries.removeAll() }

    /// The log as JSON for `GET /_sandbox/requests`.
    public var json: JSONValue {
        .array(
            entries.map { entry in
                var object = JSONObject()
                object["method"] = .string(entry.method)
                object["path"] = .string(entry.path)
                object["status"] = .int(entry.status)
                object["requestId"] = .string(entry.requestId)
                object["correlationId"] = .string(entry.correlationId)
                if let fault = entry.fault { object["fault"] = .string(fault) }
                return .object(object)
            })
    }
}
