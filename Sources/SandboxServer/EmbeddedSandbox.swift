import Foundation
import Logging
import SandboxCore

/// A sandbox running inside the calling process on a free loopback port: what refsh starts as its
/// default endpoint when none is configured. Quiet (no server logging); `stop()` shuts it down.
public final class EmbeddedSandbox: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let url: String
    /// The sandbox behind it (its request log and faults, for tests and support).
    public let sandbox: Sandbox
    private let task: Task<Void, Never>

    private init(url: String, sandbox: Sandbox, task: Task<Void, Never>) {
        self.url = url
        self.sandbox = sandbox
        self.task = task
    }

    /// Starts a sandbox over `store` (seeded when empty) and returns once it accepts connections.
    public static func start(store: any ReferralStore, token: String? = nil, seedCount: Int = 300) async throws -> EmbeddedSandbox {
        try await SandboxSeed.fill(store, count: seedCount)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://127.0.0.1", token: token))
        let sandbox = Sandbox(api: api, seedCount: seedCount)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let quiet = Logger(label: "refsh-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = SandboxServer.application(sandbox: sandbox, host: "127.0.0.1", port: 0, logger: quiet) { port in
            api.bound.set("http://127.0.0.1:\(port)")
            continuation.yield(port)
        }
        let task = Task {
            do { try await app.run() } catch {}
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw EmbeddedSandboxError(message: "the embedded sandbox could not start on 127.0.0.1")
        }
        return EmbeddedSandbox(url: "http://127.0.0.1:\(port)", sandbox: sandbox, task: task)
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        task.cancel()
        await task.value
    }
}

/// The embedded sandbox failed to start.
public struct EmbeddedSandboxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
