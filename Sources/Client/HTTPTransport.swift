import ReferralKit

/// One HTTP request as the client builds it: what a recorder or a fake transport sees.
public struct HTTPRequestData: Sendable, Equatable {
    public var method: String
    /// The absolute URL.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { firstHeader(name, in: headers) }

    public static func == (a: HTTPRequestData, b: HTTPRequestData) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body
            && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
    }
}

/// One HTTP response.
public struct HTTPResponseData: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { firstHeader(name, in: headers) }
}

/// A request that got no response.
public struct TransportFailure: Error, Sendable, Equatable {
    /// Whether the request may have reached the server (sent, then the answer was lost or late),
    /// as opposed to never having left (connection refused, no route, connect timeout).
    public var mayHaveBeenProcessed: Bool
    /// What happened, in words.
    public var message: String
    /// Whether sending the same request again would fail the same way (it cannot be sent as it
    /// is, e.g. a header value HTTP does not allow): then it is not retried.
    public var isPermanent: Bool
    /// Whether the whole run must stop here, errexit or not (a replay that no longer matches).
    public var endsRun: Bool

    public init(mayHaveBeenProcessed: Bool, _ message: String, isPermanent: Bool = false, endsRun: Bool = false) {
        self.mayHaveBeenProcessed = mayHaveBeenProcessed
        self.message = message
        self.isPermanent = isPermanent || endsRun
        self.endsRun = endsRun
    }
}

/// Sends HTTP requests. The client talks to the network only through this, so a recorder, a
/// replayer or a fault-injecting fake can stand in for the real one.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the whole response, or fails within `timeoutSeconds`.
    func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData
    /// Closes pooled connections; the transport is not used afterwards.
    func shutdown() async
}
