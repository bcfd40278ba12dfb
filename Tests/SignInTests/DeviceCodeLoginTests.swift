import Client
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import SignIn

/// The device-code flow against the sandbox's Entra ID emulation: each answer of RFC 8628 and
/// Entra's failures, with the page and code told once and every message one line.
@Suite struct DeviceCodeLoginTests {
    let peer = SandboxPeer(pollInterval: 1)
    let keeper = SecretKeeper()
    let time = TestTime()

    func login(_ step: @escaping @Sendable (Int, String) async -> Void) -> (DeviceCodeLogin, SteppingSleeper, Told) {
        let told = Told()
        let sleeper = SteppingSleeper { count in await step(count, told.code) }
        return (DeviceCodeLogin(client: peer.client(keeper: keeper), keeper: keeper, sleeper: sleeper, now: time.reader), sleeper, told)
    }

    @Test func pendingThenSlowDownThenApprovedSignsIn() async throws {
        let peer = self.peer
        let (flow, sleeper, told) = login { count, code in
            if count == 2 { await peer.decide(code, [("slow_down", "1")]) }
            if count == 3 { await peer.decide(code, [("user", "ann@contoso.com"), ("role", "ReferralAdmin")]) }
        }
        let answer = try await flow.run(peer.endpoint) { told.append($0) }
        #expect(sleeper.waits == [1, 1, 6], "the interval, again while pending, then 5 s longer after slow_down")
        #expect(told.all.count == 1)
        let line = try #require(told.all.first)
        #expect(line.hasPrefix("To sign in, open http://127.0.0.1:10/device and enter the code \(told.code) (it expires in 15 minutes, at "))
        #expect(line.hasSuffix(" UTC)\n"))
        #expect(TokenClaims.of(try #require(answer.idToken).reveal())?.user == "ann@contoso.com")
        #expect(answer.refreshToken != nil)
        #expect(keeper.occurs(in: answer.accessToken.reveal()) && keeper.occurs(in: answer.refreshToken?.reveal() ?? "x"))
        #expect(!line.contains(where: \.isNewline) || line.firstIndex(of: "\n") == line.index(before: line.endIndex))
        // The device code is a secret as well: the keeper knows it though nothing printed it.
        #expect(keeper.secrets.count >= 4, "device code, access, refresh and id token")
    }

    @Test(arguments: [
        (
            ["deny": "1"],
            "sign-in failed: AADSTS70000 (authorization_declined): The user declined the authorization request.; the sign-in was declined in the browser: run login again to retry"
        ),
        (["fail": "65001"], "an administrator of the tenant must grant consent"),
        (["fail": "7000218"], "AADSTS7000218 (invalid_client)"),
        (["fail": "7000218"], "Allow public client flows → Yes"),
        (["fail": "700016"], "check --client-id and --tenant"),
        (["fail": "50076"], "multi-factor authentication"),
    ])
    func refusalsAreOneLineWithTheNumberAndWhatToDo(decision: [String: String], expected: String) async throws {
        let peer = self.peer
        let (flow, _, told) = login { count, code in
            if count == 1 { await peer.decide(code, decision.map { ($0.key, $0.value) }) }
        }
        do {
            _ = try await flow.run(peer.endpoint) { told.append($0) }
            Issue.record("the sign-in should fail")
        } catch {
            #expect(error.kind == .rejected, "exit 1: a refusal")
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("\n") && !error.message.contains("Trace ID"))
        }
    }

    @Test func aCodeNotApprovedInTimeExpires() async throws {
        let peer = self.peer
        let (flow, _, told) = login { count, _ in
            if count == 2 { peer.clock.setOffset(3600) }  // the sandbox's 15 minutes are over
        }
        do {
            _ = try await flow.run(peer.endpoint) { told.append($0) }
            Issue.record("the sign-in should expire")
        } catch {
            #expect(error.message.contains("AADSTS70020 (expired_token)"), "\(error.message)")
            #expect(error.message.contains("run login again"))
        }
        let time = self.time
        let (late, _, _) = login { _, _ in time.advance(1000) }  // our own clock says so first
        await #expect(throws: ServiceError.self) { try await late.run(peer.endpoint) { _ in } }
    }

    @Test func aScopeWithoutThePartnerCenterResourceIsRefusedAtOnce() async throws {
        var endpoint = peer.endpoint
        endpoint.scope = "openid offline_access"
        let (flow, sleeper, _) = login { _, _ in }
        do {
            _ = try await flow.run(endpoint) { _ in }
            Issue.record("should fail")
        } catch {
            #expect(error.message.contains("AADSTS70011 (invalid_scope)"))
            #expect(error.message.contains("leave --scope out"))
        }
        #expect(sleeper.waits.isEmpty)
    }

    @Test func cancellingStopsWaitingAndSavesNothing() async throws {
        let peer = self.peer
        let (flow, _, _) = login { _, _ in try? await Task.sleep(for: .seconds(30)) }
        let task = Task { try await flow.run(peer.endpoint) { _ in } }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("should be cancelled")
        } catch let error as ServiceError {
            #expect(error.kind == .cancelled)
        }
    }

    /// Fails the requests whose numbers are in `failing`, hands the others to the sandbox.
    struct Flaky: HTTPTransport {
        let peer: SandboxPeer
        let failing: Set<Int>
        let count = Counter()
        func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
            if failing.contains(count.next()) { throw TransportFailure(mayHaveBeenProcessed: true, "connection reset by peer") }
            return try await peer.send(request, timeoutSeconds: timeoutSeconds)
        }
        func shutdown() async {}
    }

    /// A poll that fails for a moment does not throw away a code that is still good.
    @Test func aPollThatGetsNoAnswerIsTriedAgainAtTheNextInterval() async throws {
        let peer = self.peer
        let told = Told()
        let sleeper = SteppingSleeper { count in
            if count == 2 { await peer.decide(told.code, [("user", "ann@contoso.com")]) }
        }
        let flaky = Flaky(peer: peer, failing: [2])  // request 1 starts the flow; 2 is the first poll
        let flow = DeviceCodeLogin(
            client: IdentityClient(makeTransport: { flaky }, keeper: keeper), keeper: keeper, sleeper: sleeper, now: time.reader)
        let answer = try await flow.run(peer.endpoint) { told.append($0) }
        #expect(answer.refreshToken != nil)
        #expect(sleeper.waits == [1, 1])
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
