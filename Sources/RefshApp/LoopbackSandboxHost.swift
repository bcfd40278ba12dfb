import Client
import ReferralsWire
import SandboxCore
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
        if let running {
            return SandboxConnection(
                url: running.url, created: false, token: token, identityURL: running.identityURL,
                makeTransport: { AsyncHTTPTransport() })
        }
        let (store, created) = try await openSandboxStore(path: storePath, seedCount: seedCount)
        // Sign-ins outlive the process: the signing key is kept beside the store (0600).
        var identity = IdentityConfiguration()
        identity.clientCredential = embeddedSandboxToken
        let sandbox = try await EmbeddedSandbox.start(
            store: store, token: embeddedSandboxToken, seedCount: seedCount, identity: identity,
            signer: IdentityKeyFile.signer(at: storePath + ".identity-key"))
        running = sandbox
        return SandboxConnection(
            url: sandbox.url, created: created, token: token, identityURL: sandbox.identityURL,
            makeTransport: { AsyncHTTPTransport() })
    }
}
