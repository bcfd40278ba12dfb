import ReferralKit
import ReferralsWire
import SandboxCore
import Testing

/// A body is JSON only when the request says so, as ASP.NET Core's JSON input formatter decides:
/// `curl --data` without `-H 'Content-Type: application/json'` (it sends a form) is a 415 here
/// as it would be against the service, not a write that works only against the sandbox.
@Suite struct MediaTypeTests {
    let patch = #"[{"op": "replace", "path": "/details/dealValue", "value": 7}]"#

    @Test(arguments: [
        "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=latin1", "",
    ])
    func aBodyThatIsNotDeclaredJSONIs415AndChangesNothing(contentType: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let headers = contentType.isEmpty ? [] : [("Content-Type", contentType)]
            let writes = [
                await sandbox.send("POST", headers: headers, body: TestSandbox.createBody(), contentType: nil),
                await sandbox.send("PATCH", "/r0", headers: headers, body: patch, contentType: nil),
                await sandbox.send("PUT", "/r0", headers: headers + [("If-Match", "\"x\"")], body: "{}", contentType: nil),
            ]
            for response in writes {
                #expect(response.status == 415, "\(contentType): \(response.text)")
                #expect(response.code == "invalidRequest")
                #expect(response.target == "Content-Type")
                #expect(response.innerCode == "UnsupportedMediaType")
            }
            #expect(await sandbox.send("GET", "/r0").json?.objectValue?["details"]?.objectValue?["dealValue"] != 7)
        }
    }

    @Test(arguments: [
        "application/json", "Application/JSON; charset=UTF-8", "application/json-patch+json", "text/json", "application/json;charset=\"utf-8\"",
    ])
    func jsonInAnyOfItsSpellingsIsTaken(contentType: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let response = await sandbox.send("PATCH", "/r0", body: patch, contentType: contentType)
            #expect(response.status == 204, "\(contentType): \(response.text)")
            #expect(await sandbox.send("POST", body: TestSandbox.createBody(), contentType: contentType).status == 200)
            // A PUT of the referral as GET answered it (without its links and annotation).
            var current = try #require(await sandbox.send("GET", "/r0").json?.objectValue)
            let eTag = current["eTag"]?.stringValue ?? ""
            current.removeValue(forKey: "@odata.context")
            current.removeValue(forKey: "links")
            let put = await sandbox.send(
                "PUT", "/r0", headers: [("If-Match", eTag)], body: JSONPrinter.compact.print(.object(current)), contentType: contentType)
            #expect(put.status == 200, "\(contentType): \(put.text)")
        }
    }

    @Test func theMethodIsCheckedBeforeTheBody() async throws {
        let sandbox = TestSandbox()
        await sandbox.seed(1)
        #expect(await sandbox.send("POST", "/r0", body: "{}", contentType: "text/plain").status == 405)
        #expect(await sandbox.send("PATCH", "/r0", body: patch, contentType: "text/plain", token: nil).status == 401)
    }
}
