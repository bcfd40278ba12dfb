import Client
import ReferralsWire
import SandboxCore

/// The embedded sandbox without a socket: requests go straight to its request handler in this
/// process. The same sandbox, store and seed as ``LoopbackSandboxHost``; tests use it to run
/// online scripts in-process.
public actor InProcessSandboxHost: SandboxHosting {
    /// The URL the client is given; nothing listens there, the transport never connects.
    public static let url = "http://127.0.0.1:9"
    public nonisolated let storePath: String
    let seedCount: Int
    private var sandbox: Sandbox?

    public init(storePath: String, seedCount: Int) {
        self.storePath = storePath
        self.seedCount = seedCount
    }

    public func start() async throws -> SandboxConnection {
        let token = Secret(embeddedSandboxToken)
        if let sandbox { return SandboxConnection(url: Self.url, transport: InProcessTransport(sandbox: sandbox), created: false, token: token) }
        let (store, created) = try await openSandboxStore(path: storePath, seedCount: seedCount)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: Self.url, token: embeddedSandboxToken))
        let started = Sandbox(api: api, seedCount: seedCount)
        sandbox = started
        return SandboxConnection(url: Self.url, transport: InProcessTransport(sandbox: started), created: created, token: token)
    }
}
