import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Testing

/// Roles as the service has them: a Referral Admin sees and edits every referral, a Referral
/// User only those whose team lists them (others are absent from lists and 403), no role is 403.
@Suite struct RolesTests {
    static let users: [(token: String, user: SandboxUser)] = [
        ("admin-token", SandboxUser(email: "ann@contoso.com", role: .admin)),
        ("sue-token", SandboxUser(email: "sue@contoso.com", role: .user)),
        ("nobody-token", SandboxUser(email: "ned@contoso.com", role: nil)),
    ]

    func sandbox() async -> TestSandbox {
        let sandbox = TestSandbox(users: Self.users)
        await sandbox.seed(20)  // every tenth referral's team lists sue@contoso.com
        return sandbox
    }

    func ids(_ response: SandboxResponse) -> [String] {
        response.json?.objectValue?["value"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
    }

    @Test func anAdminSeesEverythingAUserOnlyTheirTeamsAndNoRoleNothing() async throws {
        let sandbox = await sandbox()
        #expect(ids(await sandbox.send("GET", token: "admin-token")).count == 20)
        #expect(ids(await sandbox.send("GET", token: "sue-token")) == ["r0", "r10"])
        let none = await sandbox.send("GET", token: "nobody-token")
        #expect(none.status == 403)
        #expect(none.code == "accessDenied")
        #expect(await sandbox.send("GET", token: "forged").status == 401)
    }

    @Test func aRequestIdAnotherUserUsedCreatesAnewAndShowsNothingOfTheirs() async throws {
        let sandbox = await sandbox()
        let headers = [("MS-RequestId", "22222222-2222-2222-2222-222222222222")]
        let ann = await sandbox.send("POST", headers: headers, body: TestSandbox.createBody(), token: "admin-token")
        let sue = await sandbox.send("POST", headers: headers, body: TestSandbox.createBody(), token: "sue-token")
        #expect(ann.status == 200 && sue.status == 200)
        let sueId = sue.json?.objectValue?["id"]?.stringValue ?? ""
        #expect(sueId != ann.json?.objectValue?["id"]?.stringValue, "Sue got Ann's referral")
        #expect(await sandbox.send("GET", "/" + sueId, token: "sue-token").status == 200)
        // Ann's own retry still gets her first answer.
        let again = await sandbox.send("POST", headers: headers, body: TestSandbox.createBody(), token: "admin-token")
        #expect(again.json?.objectValue?["id"] == ann.json?.objectValue?["id"])
    }

    @Test func aUserGets403ForAnotherTeamsReferralAndNothingChanges() async throws {
        let sandbox = await sandbox()
        #expect(await sandbox.send("GET", "/r10", token: "sue-token").status == 200)
        let other = await sandbox.send("GET", "/r1", token: "sue-token")
        #expect(other.status == 403)
        #expect(other.code == "accessDenied")
        let patch = #"[{"op": "replace", "path": "/statusReason", "value": "mine now"}]"#
        let refused = await sandbox.send("PATCH", "/r1", headers: [("If-Match", "\"etag-1\"")], body: patch, token: "sue-token")
        #expect(refused.status == 403)
        let unchanged = await sandbox.send("GET", "/r1", token: "admin-token").json?.objectValue
        #expect(unchanged?["statusReason"] == .null && unchanged?["eTag"] == "\"etag-1\"", "a refused PATCH changes nothing")
        let allowed = await sandbox.send("PATCH", "/r10", headers: [("If-Match", "\"etag-10\"")], body: patch, token: "sue-token")
        #expect(allowed.status == 204)
    }

    /// A malformed write is refused before the team check, whatever its verb: a PATCH's values
    /// are its body, checked as a PUT's are (docs/api-choices.md, "Which comes first").
    @Test func aMalformedPatchIs400BeforeTheTeamCheckAsAPutIs() async throws {
        let sandbox = await sandbox()
        let bad = #"[{"op": "replace", "path": "/details/dealValue", "value": "abc"}]"#
        let patched = await sandbox.send("PATCH", "/r1", headers: [("If-Match", "\"etag-1\"")], body: bad, token: "sue-token")
        #expect(patched.status == 400)
        #expect(patched.errorDescription == #"details.dealValue: expected a number, got string "abc""#)
        let element = #"[{"op": "add", "path": "/team/-", "value": 5}]"#
        let appended = await sandbox.send("PATCH", "/r1", headers: [("If-Match", "\"etag-1\"")], body: element, token: "sue-token")
        #expect(appended.status == 400)
        #expect(appended.errorDescription == "/team/-: expected an object, got number 5")
        #expect(appended.target == "team")
        let status = #"[{"op": "replace", "path": "/status", "value": "Bogus"}]"#
        let unknown = await sandbox.send("PATCH", "/r10", headers: [("If-Match", "\"etag-10\"")], body: status, token: "admin-token")
        #expect(unknown.status == 400)
        #expect(unknown.json?.objectValue?["error"]?.objectValue?["innerError"]?.objectValue?["code"] == "InvalidInput", "a bad value, not a move")
        let wellFormed = #"[{"op": "replace", "path": "/details/dealValue", "value": 5}]"#
        #expect(await sandbox.send("PATCH", "/r1", headers: [("If-Match", "\"etag-1\"")], body: wellFormed, token: "sue-token").status == 403)
    }

    /// The control surface changes the sandbox for everyone: a Referral User may read it, not
    /// reset the store or inject faults.
    @Test func onlyAReferralAdminChangesTheSandbox() async throws {
        let sandbox = Sandbox(api: await self.sandbox().api)
        func send(_ method: String, _ name: String, _ token: String, body: String = "") async -> Int {
            let request = SandboxRequest(
                method: method, path: ReferralsRoutes.adminPrefix + name, headers: [("Authorization", "Bearer " + token)], body: Array(body.utf8))
            return await sandbox.handle(request).response.status
        }
        #expect(await send("POST", "reset", "sue-token") == 403)
        #expect(await send("PUT", "faults", "sue-token", body: "503@next1") == 403)
        #expect(await send("GET", "faults", "sue-token") == 200)
        #expect(await send("POST", "reset", "nobody-token") == 403)
        #expect(await send("PUT", "faults", "admin-token", body: "503@next1") == 200)
    }

    @Test func aJWTNamesItsUserAndAUsersCreateListsThem() async throws {
        let sandbox = await sandbox()
        let payload = Data(#"{"upn": "Sue@Contoso.com", "aud": "https://api.partner.microsoft.com"}"#.utf8).base64EncodedString()
            .replacing("=", with: "").replacing("+", with: "-").replacing("/", with: "_")
        let jwt = "eyJhbGciOiJub25lIn0." + payload + ".sig"
        #expect(ids(await sandbox.send("GET", token: jwt)) == ["r0", "r10"])
        let created = await sandbox.send("POST", body: TestSandbox.createBody(), token: "sue-token")
        #expect(created.status == 200)
        let id = try #require(created.json?.objectValue?["id"]?.stringValue)
        #expect(await sandbox.send("GET", "/" + id, token: "sue-token").status == 200, "the creator is on the team")
    }
}
