import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Testing

@Suite struct FaultAndAdminTests {
    func makeSandbox(_ spec: String = "") async throws -> (Sandbox, Sandboxed) {
        let helper = Sandboxed()
        await helper.base.seed(3)
        let sandbox = Sandbox(api: helper.base.api, faults: FaultInjector(rules: try FaultRule.parse(spec)), seedCount: 2)
        return (sandbox, helper)
    }

    struct Sandboxed { let base = TestSandbox() }

    func request(_ method: String, _ path: String, body: String = "", headers: [(String, String)] = []) -> SandboxRequest {
        SandboxRequest(
            method: method, path: path, headers: [("Authorization", "Bearer secret"), ("Content-Type", "application/json")] + headers,
            body: Array(body.utf8))
    }

    @Test(arguments: [
        ("503@0.1", "503@0.1"), ("429@next3", "429:1@next3"), ("429:7@next1, latency:250@1.0", "429:7@next1,latency:250@1.0"),
        ("drop-before@next1,drop-after@0.5", "drop-before@next1,drop-after@0.5"),
    ])
    func specsRoundTrip(spec: String, printed: String) throws {
        #expect(try FaultRule.parse(spec).map(\.description).joined(separator: ",") == printed)
    }

    @Test(arguments: ["503", "503@2", "418@next1", "latency@next1", "latency:x@0.1", "429@next0", "drop@0.1", "429:-5@next1", "429:99999999@1"])
    func badSpecsAreRefused(spec: String) {
        #expect(throws: FaultSpecError.self) { try FaultRule.parse(spec) }
    }

    @Test func anInjected401SaysTheTokenExpiredAsARealOneDoes() async throws {
        let (sandbox, _) = try await makeSandbox("401@next1")
        let outcome = await sandbox.handle(request("GET", ReferralsRoutes.collectionPath + "/r0"))
        #expect(outcome.response.status == 401)
        #expect(outcome.response.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="invalid_token""#) == true)
    }

    @Test func statusFaultsForTheNextRequestsTakeTheirTurnsInOrder() async throws {
        let (sandbox, _) = try await makeSandbox("429:7@next1,503@next2,latency:1@next2")
        let path = ReferralsRoutes.collectionPath + "/r0"
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(await sandbox.handle(request("GET", path)).response.status) }
        #expect(statuses == [429, 503, 503, 200, 200])
        #expect(await sandbox.faults.current.isEmpty)
        // A drop before the API, or a status drawn by a rate rule, takes the request too.
        let (dropping, _) = try await makeSandbox("drop-before@next1,503@next1")
        #expect(await dropping.handle(request("GET", path)).drop != nil)
        #expect(await dropping.handle(request("GET", path)).response.status == 503)
        let (always, _) = try await makeSandbox("500@1,429@next1")
        #expect(await always.handle(request("GET", path)).response.status == 500)
        #expect(await always.faults.current.map(\.description).contains("429:1@next1"), "the 429 still waits its turn")
    }

    @Test func nextNThrottlesWithRetryAfterThenRecovers() async throws {
        let (sandbox, _) = try await makeSandbox("429:2@next2")
        let path = ReferralsRoutes.collectionPath + "/r0"
        for _ in 0..<2 {
            let outcome = await sandbox.handle(request("GET", path))
            #expect(outcome.response.status == 429)
            #expect(outcome.response.header("Retry-After") == "2")
            // The documented throttling body (Partner Center API throttling page).
            #expect(outcome.response.json == ["statusCode": 429, "message": "Rate limit is exceeded. Try again in 2 seconds."])
            #expect(outcome.response.header("MS-RequestId") != nil)
        }
        #expect(await sandbox.handle(request("GET", path)).response.status == 200)
        #expect(await sandbox.faults.current.isEmpty)
    }

    @Test func dropBeforeWritesNothingAndDropAfterCommits() async throws {
        let (sandbox, helper) = try await makeSandbox("drop-before@next1")
        let path = ReferralsRoutes.collectionPath + "/r1"
        let patch = #"[{"op":"replace","path":"/statusReason","value":"landed"}]"#
        let headers = [("Content-Type", "application/json")]
        let before = await sandbox.handle(request("PATCH", path, body: patch, headers: headers))
        #expect(before.drop == .beforeWrite)
        #expect(await helper.base.store.referral(id: "r1")?.objectValue?["statusReason"] == nil)
        await sandbox.faults.set(try FaultRule.parse("drop-after@next1"))
        let after = await sandbox.handle(request("PATCH", path, body: patch, headers: headers))
        #expect(after.drop == .afterWrite)
        #expect(await helper.base.store.referral(id: "r1")?.objectValue?["statusReason"] == "landed")
    }

    @Test func ratesAreDeterministicForASeed() async throws {
        let injector = FaultInjector(rules: try FaultRule.parse("503@0.3"), seed: 11)
        var hits = 0
        for _ in 0..<1000 where await !injector.effects().isEmpty { hits += 1 }
        #expect((250...350).contains(hits))
        #expect(await FaultInjector(rules: try FaultRule.parse("503@0")).effects().isEmpty)
    }

    /// A clock moved to the last second of 9999 stops there instead of running into year 10000,
    /// where it could not be read again: `--clear` answered 500 and every write a 400 that
    /// blamed the client's dates. Putting it back to real time always works.
    @Test func aClockAtTheEndOfTheYearsStopsThereAndCanBePutBack() async throws {
        let helper = Sandboxed()
        await helper.base.seed(3)
        let clock = SystemClock(offsetSeconds: 1e12)
        #expect(clock.now() == "9999-12-31T23:59:59.9999999Z")
        #expect(SystemClock(offsetSeconds: -1e12).now() == "0001-01-01T00:00:00.0000000Z")
        let api = ReferralsAPI(store: helper.base.store, configuration: helper.base.api.configuration, clock: clock)
        let sandbox = Sandbox(api: api)
        let read = await sandbox.handle(request("GET", ReferralsRoutes.collectionPath + "/r0"))
        #expect(read.response.status == 200)
        let eTag = read.response.header("ETag") ?? ""
        let write = await sandbox.handle(
            request(
                "PATCH", ReferralsRoutes.collectionPath + "/r0", body: #"[{"op":"replace","path":"/details/notes","value":"late"}]"#,
                headers: [("If-Match", eTag)]))
        #expect(write.response.status == 204, "\(String(decoding: write.response.body, as: UTF8.self))")
        // A move is worked out from the time the clock would show: back an hour is still past
        // the end; to a time is that time.
        clock.setOffset(SandboxTime.writableRange.upperBound + 3600 - Date().timeIntervalSince1970)  // an hour past the end
        #expect(clock.now() == "9999-12-31T23:59:59.9999999Z")
        let past = await sandbox.handle(request("PUT", "/_sandbox/clock", body: "-30m"))
        #expect(past.response.status == 400, "half an hour back is still past the end")
        let back = await sandbox.handle(request("PUT", "/_sandbox/clock", body: "-2h"))
        #expect(back.response.status == 200)
        #expect(clock.now().hasPrefix("9999-12-31T23:00:0"), "an hour before the end: \(clock.now())")
        let to = await sandbox.handle(request("PUT", "/_sandbox/clock", body: "2030-01-01T00:00:00Z"))
        #expect(to.response.status == 200)
        #expect(clock.now().hasPrefix("2030-01-01T00:00:0"), "\(clock.now())")
        let cleared = await sandbox.handle(request("DELETE", "/_sandbox/clock"))
        #expect(cleared.response.status == 200)
        #expect(clock.offsetSeconds == 0)
    }

    @Test func adminSurfaceLogsSetsFaultsAndResets() async throws {
        let (sandbox, helper) = try await makeSandbox()
        _ = await sandbox.handle(request("GET", ReferralsRoutes.collectionPath + "/r0", headers: [("MS-RequestId", "req-42")]))
        _ = await sandbox.handle(request("GET", ReferralsRoutes.collectionPath + "/nope"))
        let log = await sandbox.handle(request("GET", "/_sandbox/requests")).response.json?.arrayValue ?? []
        #expect(log.count == 2)
        #expect(
            log.first == [
                "method": "GET", "path": "/v1.0/engagements/referrals/r0", "status": 200, "requestId": "req-42",
                "correlationId": .string(log.first?.objectValue?["correlationId"]?.stringValue ?? ""),
            ])
        #expect(log.last?.objectValue?["status"] == 404)

        let set = await sandbox.handle(request("PUT", "/_sandbox/faults", body: "503@next1"))
        #expect(set.response.json == ["faults": ["503@next1"]])
        #expect(await sandbox.handle(request("GET", ReferralsRoutes.collectionPath)).response.status == 503)
        let bad = await sandbox.handle(request("PUT", "/_sandbox/faults", body: #"{"spec": "nope@1"}"#))
        #expect(bad.response.status == 400)
        #expect(bad.response.code == "invalidRequest")
        #expect(bad.response.innerCode == "InvalidFaults")

        let create = request("POST", ReferralsRoutes.collectionPath, body: TestSandbox.createBody(), headers: [("MS-RequestId", "before-reset")])
        let created = await sandbox.handle(create).response.json?.objectValue?["id"]
        #expect(await helper.base.store.count() == 4)
        let reset = await sandbox.handle(request("POST", "/_sandbox/reset"))
        #expect(reset.response.json == ["referrals": 3])
        #expect(await sandbox.log.all.isEmpty)
        #expect(await helper.base.store.referral(id: SandboxSeed.documentedId) != nil)
        // The reset store never had it: the same request id creates again, not a referral that is gone.
        let afterReset = await sandbox.handle(create).response.json?.objectValue?["id"]
        #expect(afterReset != nil && afterReset != created)

        let unauthorized = await sandbox.handle(SandboxRequest(method: "GET", path: "/_sandbox/requests"))
        #expect(unauthorized.response.status == 401)
        #expect(await sandbox.handle(request("GET", "/_sandbox/nothing")).response.status == 404)
    }
}
