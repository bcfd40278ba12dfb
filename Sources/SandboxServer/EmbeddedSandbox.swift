import Foundation
import Hummingbird
import Logging
import SandboxCore

/// A sandbox running inside the calling process on a free loopback port: what refsh starts as its
/// default endpoint when none is configured. Quiet (no server logging); `stop()` shuts it down.
public final class EmbeddedSandbox: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let url: String
    /// `http://127.0.0.1:PORT` of the identity side (a port of its own), when it has one.
    public let identityURL: String?
    /// The sandbox behind it (its request log and faults, for tests and support).
    public let sandbox: Sandbox
    private let tasks: [Task<Void, Never>]

    private init(url: String, identityURL: String?, sandbox: Sandbox, tasks: [Task<Void, Never>]) {
        self.url = url
        self.identityURL = identityURL
        self.sandbox = sandbox
        self.tasks = tasks
    }

    /// Starts a sandbox over `store` (seeded when empty) and returns once it accepts connections.
    /// With `identity`, its Entra ID emulation runs too, on a second port, signing with `signer`.
    public static func start(
        store: any ReferralStore, token: String? = nil, seedCount: Int = 300, identity: IdentityConfiguration? = nil,
        signer: SandboxJWT = SandboxJWT()
    ) async throws -> EmbeddedSandbox {
        try await SandboxSeed.fill(store, count: seedCount)
        var configuration = SandboxConfiguration(baseURL: "http://127.0.0.1", token: token)
        configuration.tokenSigner = identity == nil ? nil : signer
        let api = ReferralsAPI(store: store, configuration: configuration)
        let provider = identity.map { IdentityProvider(configuration: $0, signer: signer) }
        let sandbox = Sandbox(api: api, seedCount: seedCount, identity: provider)
        let quiet = Logger(label: "refsh-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let (apiTask, port) = try await serve {
            SandboxServer.application(sandbox: sandbox, host: "127.0.0.1", port: 0, logger: quiet, onRunning: $0)
        }
        api.bound.set("http://127.0.0.1:\(port)")
        var tasks = [apiTask]
        var identityURL: String?
        if let provider {
            let (task, identityPort) = try await serve {
                SandboxServer.identityApplication(sandbox: sandbox, host: "127.0.0.1", port: 0, logger: quiet, onRunning: $0)
            }
            provider.bound.set("http://127.0.0.1:\(identityPort)")
            identityURL = "http://127.0.0.1:\(identityPort)"
            tasks.append(task)
        }
        return EmbeddedSandbox(url: "http://127.0.0.1:\(port)", identityURL: identityURL, sandbox: sandbox, tasks: tasks)
    }

    /// Runs the application `make` builds (given its on-running callback) until cancelled, and
    /// returns once it listens, with the port it got.
    private static func serve<App: ApplicationProtocol>(
        _ make: (@escaping @Sendable (Int) async -> Void) -> App
    ) async throws -> (Task<Void, Never>, Int) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = make { port in continuation.yield(port) }
        let task = Task {
            do { try await app.run() } catch {}
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw EmbeddedSandboxError(message: "the embedded sandbox could not start on 127.0.0.1")
        }
        return (task, port)
    }

    /// Stops the servers and waits until they have.
    public func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

/// The embedded sandbox failed to start.
public struct EmbeddedSandboxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
