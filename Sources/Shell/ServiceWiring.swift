import Client
import Foundation
import RefScript
import SandboxCore
import SandboxServer

/// Binds the interpreter's ``ServiceConnector`` to the real world: the HTTP client for a URL,
/// and for `sandbox` the embedded sandbox, started in this process on first use.
public final class RefshConnector: ServiceConnector {
    private let sandboxHost: EmbeddedSandboxHost
    private let notify: @Sendable (String) -> Void

    /// - Parameters:
    ///   - sandboxStore: the embedded sandbox's SQLite file.
    ///   - notify: shows the user a one-time notice (standard error).
    ///   - seedCount: how many generated referrals a new store gets (besides the documented example).
    public init(sandboxStore: String, seedCount: Int = 300, notify: @escaping @Sendable (String) -> Void) {
        sandboxHost = EmbeddedSandboxHost(storePath: sandboxStore, seedCount: seedCount)
        self.notify = notify
    }

    public func connect(_ settings: ConnectionSettings) async throws(ServiceError) -> any ReferralService {
        switch settings.endpoint {
        case .url(let url):
            if case .failure(let refusal) = EndpointPolicy.endpoint(url, insecure: settings.insecure) {
                throw ServiceError(.rejected, refusal.message)
            }
            return client(endpoint: url, token: settings.token, correlationId: settings.correlationId, description: nil)
        case .sandbox:
            let started: (url: String, created: Bool)
            do {
                started = try await sandboxHost.start()
            } catch {
                throw ServiceError(.unavailable, "the embedded sandbox could not start: \(error)")
            }
            if started.created {
                notify("refsh: no endpoint configured: using the embedded sandbox, a local emulation of the Referrals API, with sample referrals in \(sandboxHost.storePath); use --endpoint URL or connect <url> for the real service\n")
            }
            // The embedded sandbox accepts any bearer token; the user's, if set, never leaves the process.
            return client(endpoint: started.url, token: settings.token ?? Secret("sandbox"), correlationId: settings.correlationId, description: "sandbox")
        }
    }

    public func newCorrelationId() -> String { UUID().uuidString.lowercased() }

    private func client(endpoint: String, token: Secret?, correlationId: String, description: String?) -> ReferralsClient {
        ReferralsClient(
            configuration: .init(endpoint: endpoint, token: token, correlationId: correlationId, description: description),
            transport: AsyncHTTPTransport(), requestIds: { UUID().uuidString.lowercased() },
            seed: UInt64.random(in: 1...UInt64.max))
    }

    /// Where the embedded sandbox keeps its referrals: `$XDG_DATA_HOME/refsh/sandbox.sqlite`
    /// (`~/.local/share/refsh/sandbox.sqlite` by default).
    public static func defaultSandboxStore(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/refsh/sandbox.sqlite" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/refsh/sandbox.sqlite"
    }
}

/// Starts the embedded sandbox once per process and hands out its URL.
actor EmbeddedSandboxHost {
    nonisolated let storePath: String
    let seedCount: Int
    private var running: EmbeddedSandbox?

    init(storePath: String, seedCount: Int) {
        self.storePath = storePath
        self.seedCount = seedCount
    }

    /// The sandbox's URL, and whether its store was created just now.
    func start() async throws -> (url: String, created: Bool) {
        if let running { return (running.url, false) }
        let created = !FileManager.default.fileExists(atPath: storePath)
        let store = try SQLiteReferralStore(path: storePath)
        let sandbox: EmbeddedSandbox
        do {
            sandbox = try await EmbeddedSandbox.start(store: store, seedCount: seedCount)
        } catch {
            // Another refsh seeded the same new store at the same moment: use what it wrote.
            guard ((try? await store.count()) ?? 0) > 0 else { throw error }
            sandbox = try await EmbeddedSandbox.start(store: store, seedCount: seedCount)
        }
        running = sandbox
        return (sandbox.url, created)
    }
}
