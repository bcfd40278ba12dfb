import Foundation
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import SandboxCore

/// `--rate-limit N` / `sandbox rate N`: a token bucket per caller, on a clock the test moves.
@Suite struct RateLimitTests {
    final class TestClock: Sendable {
        let seconds = Mutex(100.0)
        func advance(_ by: Double) { seconds.withLock { $0 += by } }
    }

    func request(_ token: String, _ path: String = ReferralsRoutes.collectionPath + "/r0", method: String = "GET", body: String = "")
        -> SandboxRequest
    {
        SandboxRequest(
            method: method, path: path, headers: [("Authorization", "Bearer " + token), ("Content-Type", "application/json")], body: Array(body.utf8))
    }

    @Test func beyondNASecondATokenGetsTheDocumented429UntilItsBucketRefills() async throws {
        let clock = TestClock()
        let helper = FaultAndAdminTests.Sandboxed()
        await helper.base.seed(3)
        let sandbox = Sandbox(api: helper.base.api, rateLimit: RateLimiter(perSecond: 2, now: { clock.seconds.withLock { $0 } }))
        #expect(await sandbox.handle(request("secret")).response.status == 200)
        #expect(await sandbox.handle(request("secret")).response.status == 200)
        let throttled = await sandbox.handle(request("secret")).response
        #expect(throttled.status == 429)
        #expect(throttled.header("Retry-After") == "1")
        let body = try JSONParser.parse(bytes: throttled.body)
        #expect(body == ["statusCode": 429, "message": "Rate limit is exceeded. Try again in 1 seconds."])
        #expect(await sandbox.handle(request("other")).response.status != 429, "each token has a bucket of its own")
        clock.advance(0.5)
        #expect(await sandbox.handle(request("secret")).response.status == 200, "half a second refills one request at 2/s")
        #expect(await sandbox.handle(request("secret")).response.status == 429)
        let log = await sandbox.log.json.arrayValue ?? []
        #expect(log.filter { $0.objectValue?["fault"] == "rate-limit" }.count == 2)
    }

    /// The allowance is the caller's, not the token string's: a renewed access token of the same
    /// user draws on the same bucket (it started a fresh one), another user has their own.
    @Test func aRenewedTokenOfTheSameUserSharesTheUsersBucket() async throws {
        let clock = TestClock()
        let signer = SandboxJWT()
        var configuration = SandboxConfiguration(baseURL: "http://127.0.0.1:9", token: "static")
        configuration.tokenSigner = signer
        let api = ReferralsAPI(store: MemoryReferralStore(), configuration: configuration, clock: SystemClock())
        let sandbox = Sandbox(api: api, seedCount: 0, rateLimit: RateLimiter(perSecond: 2, now: { clock.seconds.withLock { $0 } }))
        func token(_ user: String, _ id: String) -> String {
            var claims = JSONObject()
            claims["typ"] = "access"
            claims["upn"] = .string(user)
            claims["exp"] = .int(Int(Date().timeIntervalSince1970) + 3600)
            claims["roles"] = ["ReferralAdmin"]
            claims["jti"] = .string(id)
            return signer.sign(claims)
        }
        let list = ReferralsRoutes.collectionPath
        #expect(await sandbox.handle(request(token("ann@contoso.com", "1"), list)).response.status == 200)
        #expect(await sandbox.handle(request(token("ann@contoso.com", "1"), list)).response.status == 200)
        #expect(await sandbox.handle(request(token("Ann@Contoso.com", "2"), list)).response.status == 429, "ann's renewed token")
        #expect(await sandbox.handle(request(token("bob@contoso.com", "3"), list)).response.status == 200, "bob has his own")
    }

    /// A request without valid credentials is nobody's: it gets its 401 however many came
    /// before, so a client with an expired token is told to sign in, not to wait and retry.
    @Test func requestsWithoutValidCredentialsGet401NotA429() async throws {
        let clock = TestClock()
        let configuration = SandboxConfiguration(baseURL: "http://127.0.0.1:9", token: "static")
        let api = ReferralsAPI(store: MemoryReferralStore(), configuration: configuration, clock: SystemClock())
        let sandbox = Sandbox(api: api, seedCount: 0, rateLimit: RateLimiter(perSecond: 2, now: { clock.seconds.withLock { $0 } }))
        let list = ReferralsRoutes.collectionPath
        let anonymous = SandboxRequest(method: "GET", path: list, headers: [], body: [])
        let basic = SandboxRequest(method: "GET", path: list, headers: [("Authorization", "Basic dXNlcjpwYXNz")], body: [])
        for _ in 0..<4 {
            #expect(await sandbox.handle(anonymous).response.status == 401)
            #expect(await sandbox.handle(basic).response.status == 401)
            #expect(await sandbox.handle(request("wrong", list)).response.status == 401)
        }
        #expect(await sandbox.handle(request("static", list)).response.status == 200, "the refused ones drew on no bucket")
        #expect(await sandbox.handle(request("static", list)).response.status == 200)
        #expect(await sandbox.handle(request("static", list)).response.status == 429)
    }

    @Test func theLimitIsSetShownAndLiftedThroughTheAdminSurface() async throws {
        let helper = FaultAndAdminTests.Sandboxed()
        await helper.base.seed(3)
        let sandbox = Sandbox(api: helper.base.api)
        let admin = ReferralsRoutes.adminPrefix + "rate"
        #expect(String(decoding: await sandbox.handle(request("secret", admin)).response.body, as: UTF8.self) == #"{"perSecond":null}"#)
        #expect(await sandbox.handle(request("secret", admin, method: "PUT", body: "1")).response.status == 200)
        #expect(await sandbox.handle(request("secret")).response.status == 200)
        #expect(await sandbox.handle(request("secret")).response.status == 429)
        #expect(await sandbox.handle(request("secret", admin, method: "PUT", body: "fast")).response.status == 400)
        #expect(await sandbox.handle(request("secret", admin, method: "DELETE")).response.status == 200)
        #expect(await sandbox.handle(request("secret")).response.status == 200)
        #expect(await sandbox.handle(request("secret")).response.status == 200)
    }
}
