import ReferralsWire

/// Where a session sends its requests.
public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// The embedded sandbox, started in-process on first use.
    case sandbox
    /// A Referrals API at this base URL.
    case url(String)

    public var description: String {
        switch self {
        case .sandbox: "sandbox"
        case .url(let url): url
        }
    }
}

/// How a session connects: the endpoint, the token and where it came from, the correlation id.
public struct ConnectionSettings: Sendable, Equatable {
    public var endpoint: Endpoint
    public var token: Secret?
    /// Where the token came from, in words: "REFSH_TOKEN", "file ~/t", "typed"; `nil` when none.
    public var tokenSource: String?
    /// Sent as `MS-CorrelationId` on every request of the session.
    public var correlationId: String
    /// Allow plain `http://` to a host that is not loopback.
    public var insecure: Bool

    public init(endpoint: Endpoint = .sandbox, token: Secret? = nil, tokenSource: String? = nil, correlationId: String, insecure: Bool = false) {
        self.endpoint = endpoint
        self.token = token
        self.tokenSource = tokenSource
        self.correlationId = correlationId
        self.insecure = insecure
    }
}

/// Makes services for the interpreter: the Client over HTTP, or the embedded sandbox.
public protocol ServiceConnector: Sendable {
    /// A service for `settings`; refuses endpoints it must not use (plain http to a remote host).
    /// `observer` hears of retries while a call waits.
    func connect(_ settings: ConnectionSettings, observer: (any ServiceObserver)?) async throws(ServiceError) -> any ReferralService
    /// A fresh correlation id.
    func newCorrelationId() -> String
}

/// Reads a secret from the user without echoing it (a terminal), or says it cannot.
public protocol SecretReader: Sendable {
    /// The text typed after `prompt`, or `nil` when there is no terminal to ask on.
    func readSecret(prompt: String) -> String?
}
