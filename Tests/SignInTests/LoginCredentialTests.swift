import Client
import Foundation
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import SignIn

/// A signed-in user's token: from memory while fresh, renewed with the cached refresh token when
/// it is about to expire and after a 401, the rotated refresh token saved before use.
@Suite struct LoginCredentialTests {
    let peer = SandboxPeer(tokenLifetime: 3600, pollInterval: 1)
    let time = TestTime()
    let folder = NSTemporaryDirectory() + "refsh-login-" + UUID().uuidString

    /// Signs ann in through the device flow and caches the sign-in, as `login` does.
    func signIn(_ keeper: SecretKeeper) async throws -> (LoginCredential, CredentialCache, TokenAnswer) {
        let peer = self.peer
        let told = Told()
        let flow = DeviceCodeLogin(
            client: peer.client(keeper: keeper), keeper: keeper,
            sleeper: SteppingSleeper { _ in await peer.decide(told.code, [("user", "ann@contoso.com"), ("role", "ReferralAdmin")]) },
            now: time.reader)
        let answer = try await flow.run(peer.endpoint) { told.append($0) }
        let cache = CredentialCache(path: folder + "/credentials.json")
        let signIn = CachedSignIn(
            authority: peer.endpoint.cacheName, tenant: "contoso.onmicrosoft.com", clientId: "app-1", user: "ann@contoso.com",
            tenantId: nil, refreshToken: try #require(answer.refreshToken), savedAt: time.now)
        try await cache.update(keeper: keeper) { (entries: inout [CachedSignIn]) async throws(ServiceError) in entries.append(signIn) }
        let credential = LoginCredential(
            endpoint: peer.endpoint, signIn: signIn, first: answer, cache: cache, client: peer.client(keeper: keeper), keeper: keeper,
            now: time.reader)
        return (credential, cache, answer)
    }

    func refreshGrants() async -> Int {
        await peer.sandbox.log.all.filter { $0.path.hasSuffix("/oauth2/v2.0/token") }.count
    }

    @Test func aFreshTokenIsUsedAsItIsAndOneAboutToExpireIsRenewedAndItsSuccessorSaved() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keeper = SecretKeeper()
        let (credential, cache, answer) = try await signIn(keeper)
        let grantsAfterLogin = await refreshGrants()
        #expect(try await credential.currentToken() == answer.accessToken)
        time.advance(3600 - 299)  // less than 5 minutes left
        let renewed = try #require(try await credential.currentToken())
        #expect(renewed != answer.accessToken)
        #expect(await refreshGrants() == grantsAfterLogin + 1, "one refresh-token grant")
        #expect(try await credential.currentToken() == renewed, "and not another")
        let saved = try #require(try cache.entries(keeper: keeper).first?.refreshToken)
        #expect(saved != answer.refreshToken, "the rotated refresh token is in the cache")
        // The old one is spent: a process that kept it would be refused.
        let stale = try await peer.client(keeper: keeper).post(
            "token", form: [("grant_type", "refresh_token"), ("client_id", "app-1"), ("refresh_token", try #require(answer.refreshToken).reveal())],
            to: peer.endpoint, success: "access_token")
        guard case .failure(let error, _) = stale else {
            Issue.record("the replaced refresh token still works")
            return
        }
        #expect(error.number == 50173)
    }

    /// A refresh token is redeemed at its own tenant or at `organizations`/`common`; another
    /// tenant's endpoint refuses it (AADSTS50020), as the user is not in that tenant.
    @Test func aRefreshTokenIsRefusedAtAnotherTenantsEndpoint() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keeper = SecretKeeper()
        let (_, _, answer) = try await signIn(keeper)
        var token = try #require(answer.refreshToken).reveal()
        for (tenant, refused) in [("fabrikam.onmicrosoft.com", true), ("organizations", false), ("Contoso.onmicrosoft.com", false)] {
            var endpoint = peer.endpoint
            endpoint.tenant = tenant
            let result = try await peer.client(keeper: keeper).post(
                "token", form: [("grant_type", "refresh_token"), ("client_id", "app-1"), ("refresh_token", token)], to: endpoint,
                success: "access_token")
            switch result {
            case .failure(let error, _):
                #expect(refused, "\(tenant) refused the refresh token: \(error.number)")
                #expect(error.number == 50020)
            case .success(let next):
                #expect(!refused, "\(tenant) took another tenant's refresh token")
                token = try #require(next["refresh_token"]?.stringValue)
                #expect(TokenClaims.of(try #require(next["access_token"]?.stringValue))?.tenantId == "contoso.onmicrosoft.com")
            }
        }
    }

    @Test func anotherProcessSignsInWithTheCachedRefreshTokenAlone() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, cache, _) = try await signIn(SecretKeeper())
        let keeper = SecretKeeper()
        let signIn = try #require(try cache.entries(keeper: keeper).first)
        let second = LoginCredential(
            endpoint: peer.endpoint, signIn: signIn, first: nil, cache: cache, client: peer.client(keeper: keeper), keeper: keeper,
            now: time.reader)
        let token = try #require(try await second.currentToken())
        #expect(TokenClaims.of(token.reveal())?.user == "ann@contoso.com")
        #expect(await second.status().user == "ann@contoso.com")
    }

    /// The whole chain over the client: the sandbox's clock runs past the token's expiry (refsh's
    /// does not know), the API answers 401, one refresh follows and the request succeeds.
    @Test func a401FromTheAPIIsAnsweredByOneRefresh() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keeper = SecretKeeper()
        let (credential, _, _) = try await signIn(keeper)
        let client = ReferralsClient(
            configuration: .init(endpoint: SandboxPeer.api, credential: credential, secretKeeper: keeper, correlationId: "c"),
            transport: peer, requestIds: { UUID().uuidString })
        let before = await refreshGrants()
        peer.clock.setOffset(7200)
        let page = try await client.list(query: ListQuery(top: 1))
        #expect(page.referrals.count <= 1)
        #expect(await refreshGrants() == before + 1)
        let statuses = await peer.sandbox.log.all.filter { $0.path.hasPrefix("/v1.0") }.map(\.status)
        #expect(statuses == [401, 200])
    }

    /// Answers only after two minutes (an identity endpoint that hangs), and says when it has.
    final class Hanging: HTTPTransport {
        private let answered = Mutex(false)
        var hasAnswered: Bool { answered.withLock { $0 } }
        func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
            try? await Task.sleep(for: .seconds(120))
            answered.withLock { $0 = true }
            throw TransportFailure(mayHaveBeenProcessed: true, "no answer")
        }
        func shutdown() async {}
    }

    /// Ctrl-C while the token is being renewed stops the wait at once: the caller is back while
    /// the identity endpoint has still not answered.
    @Test func cancellingARenewalStopsWaitingForIt() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keeper = SecretKeeper()
        let (_, cache, _) = try await signIn(keeper)
        let signIn = try #require(try cache.entries(keeper: keeper).first)
        let hanging = Hanging()
        let stuck = LoginCredential(
            endpoint: peer.endpoint, signIn: signIn, first: nil, cache: cache,
            client: IdentityClient(makeTransport: { hanging }, keeper: keeper), keeper: keeper, now: time.reader)
        let waiting = Task { try await stuck.currentToken() }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        do {
            _ = try await waiting.value
            Issue.record("should be cancelled")
        } catch let error as ServiceError {
            #expect(error.kind == .cancelled)
            #expect(error.message == "cancelled while renewing ann@contoso.com's sign-in")
        }
        #expect(!hanging.hasAnswered, "it waited for the identity endpoint")
    }
}
