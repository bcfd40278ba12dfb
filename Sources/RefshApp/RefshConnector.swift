import Client
import Foundation
import RefScript
import ReferralsWire

/// Binds the interpreter's ``ServiceConnector`` to the real world: the HTTP client for a URL,
/// and for `sandbox` the embedded sandbox, started on first use.
public final class RefshConnector: ServiceConnector {
    private let sandbox: any SandboxHosting
    private let notify: @Sendable (String) -> Void

    /// - Parameters:
    ///   - sandbox: how the embedded sandbox runs (on loopback, or in-process for tests).
    ///   - notify: shows the user a one-time notice (standard error).
    public init(sandbox: any SandboxHosting, notify: @escaping @Sendable (String) -> Void) {
        self.sandbox = sandbox
        self.notify = notify
    }

    public func connect(_ settings: ConnectionSettings, observer: (any ServiceObserver)?) async throws(ServiceError) -> any ReferralService {
        switch settings.endpoint {
        case .url(let url):
            if case .failure(let refusal) = EndpointPolicy.endpoint(url, insecure: settings.insecure) {
                throw ServiceError(.rejected, refusal.message)
            }
            return client(
                endpoint: url, token: settings.token, settings: settings, transport: AsyncHTTPTransport(), description: nil, observer: observer)
        case .sandbox:
            let started: SandboxConnection
            do {
                started = try await sandbox.start()
            } catch {
                throw ServiceError(.unavailable, "the embedded sandbox could not start: \(error)")
            }
            if started.created {
                notify(
                    "refsh: no endpoint configured: using the embedded sandbox, a local emulation of the Referrals API, with sample referrals in \(sandbox.storePath); use --endpoint URL or connect <url> for the real service\n"
                )
            }
            // The embedded sandbox takes only its own random token; the user's never goes there.
            return client(
                endpoint: started.url, token: started.token, settings: settings, transport: started.transport,
                description: "sandbox", observer: observer)
        }
    }

    public func newCorrelationId() -> String { UUID().uuidString.lowercased() }

    private func client(
        endpoint: String, token: Secret?, settings: ConnectionSettings, transport: any HTTPTransport, description: String?,
        observer: (any ServiceObserver)?
    ) -> ReferralsClient {
        ReferralsClient(
            configuration: .init(
                endpoint: endpoint, token: token, correlationId: settings.correlationId, description: description, observer: observer),
            transport: transport, requestIds: { UUID().uuidString.lowercased() },
            seed: UInt64.random(in: 1...UInt64.max))
    }
}
