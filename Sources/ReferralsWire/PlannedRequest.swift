/// A request a command would send, worked out without sending it (`--curl`, docs/curl.md).
public enum PlannedCall: Sendable {
    case fetch(id: String)
    /// The first page of a list.
    case list(ListQuery)
    case write(WriteRequest)
}

/// The HTTP request of a ``PlannedCall``, exactly as it would be sent but for the token:
/// `authorized` says an `Authorization: Bearer …` header goes with it.
public struct PlannedRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    /// Every header but `Authorization`, in the order they are sent.
    public var headers: [Header]
    public var body: [UInt8]?
    public var authorized: Bool

    /// One header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, url: String, headers: [Header], body: [UInt8]?, authorized: Bool) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.authorized = authorized
    }
}

extension ReferralService {
    /// No plan where the service cannot tell (test doubles).
    public func plan(_ call: PlannedCall) throws(ServiceError) -> PlannedRequest? { nil }
}
