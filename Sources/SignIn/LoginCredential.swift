import Foundation
import ReferralsWire
import Synchronization

/// The bearer token of a signed-in user: the access token in memory, renewed with the cached
/// refresh token when it has less than 5 minutes left and once after a 401; each rotated refresh
/// token is saved to the cache before it is used.
public actor LoginCredential: BearerCredential {
    let endpoint: IdentityEndpoint
    let cache: CredentialCache
    let client: IdentityClient
    let keeper: SecretKeeper
    let now: @Sendable () -> Double
    /// The cached sign-in this credential renews (its user, tenant and application).
    public let signIn: CachedSignIn
    private var access: (token: Secret, expires: Double, lifetime: Double)?
    private var renewal: Task<Secret, any Error>?

    public nonisolated let isPresent = true

    public init(
        endpoint: IdentityEndpoint, signIn: CachedSignIn, first: TokenAnswer?, cache: CredentialCache, client: IdentityClient,
        keeper: SecretKeeper, now: @escaping @Sendable () -> Double
    ) {
        self.endpoint = endpoint
        self.signIn = signIn
        self.cache = cache
        self.client = client
        self.keeper = keeper
        self.now = now
        if let first { access = (first.accessToken, now() + first.expiresIn, first.expiresIn) }
    }

    public func currentToken() async throws(ServiceError) -> Secret? {
        if let access, access.expires - now() > renewalMargin(lifetime: access.lifetime) { return access.token }
        return try await renew()
    }

    public func renewed(after rejected: Secret) async throws(ServiceError) -> Secret? {
        if let access, access.token != rejected, access.expires > now() { return access.token }  // renewed meanwhile
        return try await renew()
    }

    /// Who, which tenant, until when.
    public func status() -> CredentialStatus {
        CredentialStatus(source: "login", user: signIn.user, tenant: signIn.tenantId ?? signIn.tenant, expires: access?.expires)
    }

    /// One renewal at a time: concurrent callers wait for the same one. A caller that is
    /// cancelled (Ctrl-C) stops waiting at once; the renewal itself goes on, so a rotated
    /// refresh token is still saved.
    private func renew() async throws(ServiceError) -> Secret {
        let task: Task<Secret, any Error>
        if let renewal {
            task = renewal
        } else {
            task = Task { try await self.redeemRefreshToken() }
            renewal = task
        }
        defer { renewal = nil }
        do {
            return try await Self.value(of: task)
        } catch let error as ServiceError {
            throw error
        } catch is CancellationError {
            throw ServiceError(.cancelled, "cancelled while renewing \(signIn.user)'s sign-in", origin: .client)
        } catch {
            throw ServiceError(.unavailable, "\(error)")
        }
    }

    /// `task`'s value, or a `CancellationError` as soon as the caller is cancelled.
    private static func value(of task: Task<Secret, any Error>) async throws -> Secret {
        let waiter = Waiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiter.wait(continuation)
                Task { waiter.resume(await task.result) }
                if Task.isCancelled { waiter.resume(.failure(CancellationError())) }
            }
        } onCancel: {
            waiter.resume(.failure(CancellationError()))
        }
    }

    /// A continuation resumed once, by whichever comes first: the result or the cancellation.
    private final class Waiter: Sendable {
        private let continuation = Mutex<CheckedContinuation<Secret, any Error>?>(nil)
        func wait(_ waiting: CheckedContinuation<Secret, any Error>) { continuation.withLock { $0 = waiting } }
        func resume(_ result: Result<Secret, any Error>) {
            continuation.withLock { waiting in
                waiting?.resume(with: result)
                waiting = nil
            }
        }
    }

    /// Redeems the sign-in's newest refresh token (another refsh process may have rotated it)
    /// under the cache's lock, and saves the one that replaces it.
    private func redeemRefreshToken() async throws(ServiceError) -> Secret {
        let signIn = self.signIn
        let (endpoint, client, keeper, now) = (self.endpoint, self.client, self.keeper, self.now)
        let answer = try await cache.update(keeper: keeper) { (entries: inout [CachedSignIn]) async throws(ServiceError) -> TokenAnswer in
            guard let index = entries.firstIndex(where: { $0.sameSignIn(as: signIn) }) else {
                throw ServiceError(.rejected, "\(signIn.user) is no longer signed in (logout removed the sign-in): run login", origin: .client)
            }
            let form = [
                ("grant_type", "refresh_token"), ("client_id", endpoint.clientId), ("refresh_token", entries[index].refreshToken.reveal()),
                ("scope", endpoint.scope),
            ]
            switch try await client.post("token", form: form, to: endpoint, success: "access_token") {
            case .success(let object):
                let answer = try TokenAnswer.read(object, keeper: keeper)
                if let rotated = answer.refreshToken {
                    entries[index].refreshToken = rotated
                    entries[index].savedAt = now()
                }
                return answer
            case .failure(let error, _):
                throw ServiceError(
                    .rejected, error.message.replacing("sign-in failed", with: "renewing \(signIn.user)'s sign-in failed"), origin: .client)
            }
        }
        access = (answer.accessToken, now() + answer.expiresIn, answer.expiresIn)
        return answer.accessToken
    }
}
