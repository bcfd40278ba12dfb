import Client
import ReferralKit
import ReferralsWire
import SandboxCore
import Synchronization
import Testing

@testable import SignIn

/// The sandbox's API takes only the access token of its sign-in, as production checks the
/// audience (an id token and a refresh token passed), and the role is the organization's (the
/// `--user` list), not what the sign-in page said (anyone could sign in as an admin).
@Suite struct SandboxTokenChecksTests {
    let keeper = SecretKeeper()
    let time = TestTime()

    func signIn(_ peer: SandboxPeer, as user: String, role: String) async throws -> TokenAnswer {
        let told = Told()
        let sleeper = SteppingSleeper { count in
            if count == 1 { await peer.decide(told.code, [("user", user), ("role", role)]) }
        }
        return try await DeviceCodeLogin(client: peer.client(keeper: keeper), keeper: keeper, sleeper: sleeper, now: time.reader).run(
            peer.endpoint
        ) { told.append($0) }
    }

    func status(_ peer: SandboxPeer, token: String) async throws -> Int {
        let request = HTTPRequestData(
            method: "GET", url: SandboxPeer.api + "/v1.0/engagements/referrals?$top=1", headers: [("Authorization", "Bearer " + token)])
        return try await peer.send(request, timeoutSeconds: 5).status
    }

    @Test func onlyTheAccessTokenIsATokenForTheAPI() async throws {
        // With users, an id token or a refresh token named one (its upn) and passed as theirs.
        let peer = SandboxPeer(users: [SandboxUser(email: "ann@contoso.com", role: .admin)])
        let answer = try await signIn(peer, as: "ann@contoso.com", role: "ReferralAdmin")
        #expect(try await status(peer, token: answer.accessToken.reveal()) == 200)
        #expect(try await status(peer, token: try #require(answer.idToken).reveal()) == 401)
        #expect(try await status(peer, token: try #require(answer.refreshToken).reveal()) == 401)
    }

    @Test func theRoleIsTheOrganizationsAndStrangersCannotSignIn() async throws {
        let peer = SandboxPeer(users: [
            SandboxUser(email: "ann@contoso.com", role: .admin), SandboxUser(email: "ned@contoso.com", role: nil),
        ])
        let ned = try await signIn(peer, as: "ned@contoso.com", role: "ReferralAdmin")
        #expect(try await status(peer, token: ned.accessToken.reveal()) == 403)
        let ann = try await signIn(peer, as: "ann@contoso.com", role: "none")
        #expect(try await status(peer, token: ann.accessToken.reveal()) == 200)
        // A stranger's approval is refused on the page (then the sign-in is declined, to end it).
        let told = Told()
        let pageStatus = Mutex(0)
        let sleeper = SteppingSleeper { count in
            if count == 1 {
                let status = await peer.decide(told.code, [("user", "zed@nowhere.example"), ("role", "ReferralAdmin")])
                pageStatus.withLock { $0 = status }
            } else {
                await peer.decide(told.code, [("deny", "1")])
            }
        }
        let flow = DeviceCodeLogin(client: peer.client(keeper: keeper), keeper: keeper, sleeper: sleeper, now: time.reader)
        await #expect(throws: ServiceError.self) { _ = try await flow.run(peer.endpoint) { told.append($0) } }
        #expect(pageStatus.withLock { $0 } == 400)
    }
}
