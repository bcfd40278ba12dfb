import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Synchronization
import Testing

/// `--rate-limit N` / `sandbox rate N`: a token bucket per bearer token, on a clock the test moves.
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
