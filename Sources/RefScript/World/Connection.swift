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
/// The first present of these is the credential: ``token`` (`--token-file` or `REFSH_TOKEN` at
/// start, replaced by the `token` command), ``tokenCommand``, a cached sign-in for ``signIn``
/// (docs/sign-in.md).
public struct ConnectionSettings: Sendable, Equatable {
    public var endpoint: Endpoint
    public var token: Secret?
    /// Where the token came from, in words: "REFSH_TOKEN", "file ~/t", "typed"; `nil` when none.
    public var tokenSource: String?
    /// The token the session started with (`--token-file`, `REFSH_TOKEN`) and its source, which
    /// `token --clear` goes back to; `login` sets it aside.
    public var startToken: Secret?
    public var startTokenSource: String?
    /// Sent as `MS-CorrelationId` on every request of the session.
    public var correlationId: String
    /// Allow plain `http://` to a host that is not loopback.
    public var insecure: Bool
    /// A credential helper whose output is the token (`--token-command`, `option token-command`);
    /// used when no token is set.
    public var tokenCommand: String?
    /// Which Entra ID sign-in `login` makes and, when neither a token nor a token command is
    /// set, which cached sign-in the session uses.
    public var signIn = SignInProfile()

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
    /// Signs in with the device-code flow for `profile` (the endpoint of `settings` decides the
    /// authority's default) and caches the sign-in; `tell` shows where to enter the code.
    func login(_ profile: SignInProfile, settings: ConnectionSettings, tell: (String) -> Void) async throws(ServiceError)
        -> CredentialStatus
    /// Removes the cached sign-ins of the tenant and application `profile` signs in with (every
    /// one with `all`); who was signed out, and which sign-ins stay.
    func logout(_ profile: SignInProfile, settings: ConnectionSettings, all: Bool) async throws(ServiceError) -> SignOut
    /// Who the session's credential is, from where, until when; `nil` when it has none.
    func credentialStatus(_ settings: ConnectionSettings) async -> CredentialStatus?
    /// The one throttle every request of the session goes through; `nil` where there is none.
    var throttle: (any RequestThrottle)? { get }
    /// What answers instead of the network when a recording is replayed (`replay of r.har,
    /// recorded at https://…`); `nil` otherwise.
    var replayDescription: String? { get }
}

extension ServiceConnector {
    public func login(_ profile: SignInProfile, settings: ConnectionSettings, tell: (String) -> Void) async throws(ServiceError)
        -> CredentialStatus
    {
        throw ServiceError(.rejected, "signing in is not available here", origin: .client)
    }

    public func logout(_ profile: SignInProfile, settings: ConnectionSettings, all: Bool) async throws(ServiceError) -> SignOut { SignOut() }

    public func credentialStatus(_ settings: ConnectionSettings) async -> CredentialStatus? { nil }

    public var throttle: (any RequestThrottle)? { nil }

    public var replayDescription: String? { nil }
}

/// Reads a secret from the user without echoing it (a terminal), or says it cannot.
public protocol SecretReader: Sendable {
    /// The text typed after `prompt`, or `nil` when there is no terminal to ask on.
    func readSecret(prompt: String) -> String?
}
