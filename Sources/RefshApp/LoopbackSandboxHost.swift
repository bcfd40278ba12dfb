import Client
import ReferralsWire
import SandboxServer

/// The embedded sandbox as a real HTTP server on a free loopback port of this process.
public actor LoopbackSandboxHost: SandboxHosting {
    public nonisolated let storePath: String
    let seedCount: Int
    private var running: EmbeddedSandbox?

    public init(storePath: String, seedCount: Int) {
        self.storePath = storePath
        self.seedCount = seedCount
    }

    public func start() async throws -> SandboxConnection {
        let token = Secret(embeddedSandboxToken)
        if let running { return SandboxConnection(url: running.url, transport: AsyncHTTPTransport(), created: false, token: token) }
        let (store, created) = try await openSandboxStore(path: storePath, seedCount: seedCount)
        let sandbox = try await EmbeddedSandbox.start(store: store, token: embeddedSandboxToken, seedCount: seedCount)
        running = sandbox
        return SandboxConnection(url: sandbox.url, transport: AsyncHTTPTransport(), created: created, token: token)
    }
}
