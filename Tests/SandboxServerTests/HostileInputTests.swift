import Foundation
import ReferralKit
import SandboxCore
import Testing

/// Requests a hostile or careless client sends: each is a 4xx in the referrals error shape, the
/// sandbox keeps serving, and nothing is half-written.
@Suite struct HostileInputTests {
    @Test(arguments: [
        [("$skip", "1"), ("$top", "9223372036854775807")], [("$top", "99999999999999999999")], [("$skip", "1000000001")],
        [("$skiptoken", "s" + String(Int.max, radix: 36) + ".AAAAAAAAAAAAAAAAAAAAAA")], [("$skiptoken", "s1.forged")],
    ])
    func hugeOrForgedNumbersAre400(query: [(String, String)]) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            let response = await sandbox.send("GET", query: query)
            #expect(response.status == 400, "\(query): \(response.text)")
            #expect(response.code == "invalidRequest")
            #expect(await sandbox.send("GET").status == 200, "still serving")
        }
    }

    @Test func aSkipTokenTheSandboxIssuedStillPages() async throws {
        let sandbox = TestSandbox()
        await sandbox.seed(250)
        let first = await sandbox.send("GET")
        let next = try #require(first.json?.objectValue?["@odata.nextLink"]?.stringValue)
        let token = try #require(URLComponents(string: next)?.queryItems?.first { $0.name == "$skiptoken" }?.value)
        let second = await sandbox.send("GET", query: [("$skiptoken", token)])
        #expect(second.status == 200)
        #expect(second.json?.objectValue?["value"]?.arrayValue?.first?.objectValue?["id"] == "r100")
        #expect(!token.contains(".") || token.split(separator: ".").last?.count == 22, "an HMAC tag, not a checksum")
    }

    @Test func anEmptyPutIsRefusedNamingTheMissingFieldsAndChangesNothing() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let empty = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: "{}")
            #expect(empty.status == 400)
            #expect(empty.errorDescription == "type, customerProfile, consent, details: required in a PUT, which replaces the whole referral")
            #expect(empty.target == "type")
            let text = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\""), ("Content-Type", "text/plain")], body: "{}")
            #expect(text.status == 415)
            let stored = await sandbox.send("GET", "/r0").json?.objectValue
            #expect(stored?["eTag"] == "\"etag-0\"" && stored?["status"] == "New")
        }
    }

    @Test(arguments: ["r0\u{0}", "r0\u{0}x", "r0\u{1B}", "r0\u{7F}"])
    func anIdWithAControlCharacterNeverMatches(id: String) async throws {
        let sandbox = TestSandbox()
        await sandbox.seed(1)
        #expect(await sandbox.send("GET", "/" + id).status == 404)
        let patch = #"[{"op": "replace", "path": "/statusReason", "value": "x"}]"#
        #expect(await sandbox.send("PATCH", "/" + id, body: patch).status == 404)
        #expect(await sandbox.send("GET", "/r0").json?.objectValue?["statusReason"] == .null)
    }

    @Test func aCutShortBodyIs400AndLinksNeverNamePortZero() async throws {
        let sandbox = TestSandbox()
        var cut = SandboxRequest(method: "POST", path: "/v1.0/engagements/referrals", headers: [("Authorization", "Bearer secret")], body: [])
        cut.bodyIncomplete = true
        let response = await sandbox.api.handle(cut)
        #expect(response.status == 400)

        var configuration = SandboxConfiguration(baseURL: "http://127.0.0.1:0", token: "secret")
        configuration.pageSize = 1
        let api = ReferralsAPI(store: sandbox.store, configuration: configuration)
        api.bound.set("http://127.0.0.1:4567")
        await sandbox.seed(2)
        let listed = await api.handle(
            SandboxRequest(method: "GET", path: "/v1.0/engagements/referrals", headers: [("Authorization", "Bearer secret")]))
        let link = listed.json?.objectValue?["@odata.nextLink"]?.stringValue ?? ""
        #expect(link.hasPrefix("http://127.0.0.1:4567/"), "\(link)")
    }
}
