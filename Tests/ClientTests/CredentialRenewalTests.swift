import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import Client

/// The client asks its credential for the token before each attempt and, after a 401, for a
/// renewed one, once: a second 401 is the answer.
@Suite struct CredentialRenewalTests {
    /// Hands out `first`, then `renewed` after a 401 (or nothing, when it cannot renew).
    final class RenewingCredential: BearerCredential {
        let renewedToken: Secret?
        private let state = Mutex((current: Secret("first-token-0123456789"), renewals: 0))
        init(renewed: Secret?) { renewedToken = renewed }
        var isPresent: Bool { true }
        var renewals: Int { state.withLock { $0.renewals } }
        func currentToken() async throws(ServiceError) -> Secret? { state.withLock { $0.current } }
        func renewed(after rejected: Secret) async throws(ServiceError) -> Secret? {
            state.withLock { state in
                state.renewals += 1
                if let renewedToken { state.current = renewedToken }
            }
            return renewedToken
        }
    }

    static let referral = #"{"id":"r1","status":"Active","eTag":"\"e2\""}"#
    static let unauthorized = HTTPResponseData.json(401, #"{"error":{"code":"Unauthorized","message":"the access token has expired"}}"#)

    func client(_ transport: ScriptedTransport, _ credential: RenewingCredential) -> ReferralsClient {
        ReferralsClient(
            configuration: .init(endpoint: "https://api.example.com", credential: credential, correlationId: "c"),
            transport: transport, sleeper: RecordingSleeper(), requestIds: { "req" })
    }

    @Test func a401IsAnsweredByOneRenewalAndTheRequestSentAgainWithTheNewToken() async throws {
        let transport = ScriptedTransport([.respond(Self.unauthorized), .respond(.json(200, Self.referral))])
        let credential = RenewingCredential(renewed: Secret("second-token-0123456789"))
        let copy = try await client(transport, credential).fetch(id: "r1")
        #expect(copy.eTag == "\"e2\"")
        #expect(transport.sent.map { $0.header("Authorization") } == ["Bearer first-token-0123456789", "Bearer second-token-0123456789"])
        #expect(transport.sent.map { $0.header("MS-RequestId") } == ["req", "req"], "the same request, sent again")
        #expect(credential.renewals == 1)
    }

    @Test func aSecond401AfterTheRenewalIsShownAndNotRetriedAgain() async throws {
        let transport = ScriptedTransport([.respond(Self.unauthorized), .respond(Self.unauthorized), .respond(.json(200, Self.referral))])
        let credential = RenewingCredential(renewed: Secret("second-token-0123456789"))
        await #expect(throws: ServiceError.self) { try await client(transport, credential).fetch(id: "r1") }
        #expect(transport.sent.count == 2)
        #expect(credential.renewals == 1)
    }

    @Test func aCredentialThatCannotRenewLetsThe401Stand() async throws {
        let transport = ScriptedTransport([.respond(Self.unauthorized), .respond(.json(200, Self.referral))])
        let credential = RenewingCredential(renewed: nil)
        do {
            _ = try await client(transport, credential).fetch(id: "r1")
            Issue.record("the 401 should stand")
        } catch {
            #expect(error.status == 401)
        }
        #expect(transport.sent.count == 1)
    }

    /// Fails to give a token from its second call on (a refresh that cannot reach Entra).
    final class FailingLaterCredential: BearerCredential {
        private let calls = Mutex(0)
        var isPresent: Bool { true }
        func currentToken() async throws(ServiceError) -> Secret? {
            let count = calls.withLock { count in
                count += 1
                return count
            }
            guard count == 1 else { throw ServiceError(.unavailable, "renewing the sign-in failed: connection refused", origin: .client) }
            return Secret("first-token-0123456789")
        }
        func renewed(after rejected: Secret) async throws(ServiceError) -> Secret? { nil }
    }

    /// A create whose answer was lost, then no token for the retry: the error still says the
    /// referral may have been created, with the request id, so nobody creates it twice.
    @Test func aCredentialFailingMidRetryKeepsWhatTheRequestHadDone() async throws {
        let transport = ScriptedTransport([.fail(TransportFailure(mayHaveBeenProcessed: true, "the answer was lost"))])
        let client = ReferralsClient(
            configuration: .init(endpoint: "https://api.example.com", credential: FailingLaterCredential(), correlationId: "c"),
            transport: transport, sleeper: RecordingSleeper(), requestIds: { "req-7" })
        let body = try JSONParser.parse(#"{"name":"x"}"#)
        do {
            _ = try await client.send(.create(body))
            Issue.record("should fail")
        } catch {
            #expect(error.mayHaveCreated)
            #expect(error.requestId == "req-7")
            #expect(error.attempts == 1)
            #expect(error.message.contains("the POST sent before may have reached the service"))
        }
    }
}
