import Client
import ReferralsWire
import SandboxCore
import SandboxServer

/// The embedded sandbox without a socket: requests go straight to its request handler in this
/// process. The same sandbox, store and seed as ``LoopbackSandboxHost``; tests use it to run
/// online scripts in-process.
public actor InProcessSandboxHost: SandboxHosting {
    /// The URL the client is given; nothing listens there, the transport never connects.
    public static let url = "http://127.0.0.1:9"
    /// The identity side's URL; the transport sends requests for it to the identity side.
    public static let identityURL = "http://127.0.0.1:10"
    public nonisolated let storePath: String
    let seedCount: Int
    let identity: IdentityConfiguration
    let clock: any SandboxClock
    private var sandbox: Sandbox?

    /// - Parameters:
    ///   - identity: how the identity side behaves (tests shorten token lifetimes).
    ///   - clock: the sandbox's clock (tests move it to expire tokens).
    public init(storePath: String, seedCount: Int, identity: IdentityConfiguration = IdentityConfiguration(), clock: any SandboxClock = SystemClock())
    {
        self.storePath = storePath
        self.seedCount = seedCount
        self.identity = identity
        self.clock = clock
    }

    /// The sandbox, once started (tests read its request log and approve sign-ins through it).
    public var started: Sandbox? { sandbox }

    public func start() async throws -> SandboxConnection {
        let token = Secret(embeddedSandboxToken)
        if let sandbox { return connection(to: sandbox, created: false) }
        let (store, created) = try await openSandboxStore(path: storePath, seedCount: seedCount)
        let signer = IdentityKeyFile.signer(at: storePath + ".identity-key")
        var configuration = SandboxConfiguration(baseURL: Self.url, token: token.reveal())
        configuration.tokenSigner = signer
        var identity = self.identity
        identity.clientCredential = token.reveal()
        let provider = IdentityProvider(configuration: identity, signer: signer, clock: clock)
        provider.bound.set(Self.identityURL)
        let api = ReferralsAPI(store: store, configuration: configuration, clock: clock)
        let started = Sandbox(api: api, seedCount: seedCount, identity: provider)
        sandbox = started
        return connection(to: started, created: created)
    }

    private func connection(to sandbox: Sandbox, created: Bool) -> SandboxConnection {
        SandboxConnection(
            url: Self.url, created: created, token: Secret(embeddedSandboxToken),
            identityURL: Self.identityURL, makeTransport: { InProcessTransport(sandbox: sandbox) })
    }
}
