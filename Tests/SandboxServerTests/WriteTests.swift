import Foundation
import ReferralKit
import SandboxCore
import Testing

@Suite struct PutTests {
    /// The referral as a PUT sends it back: what GET answered, without `@odata.context` and
    /// without `links` (the documented PUT body must omit them).
    func current(_ sandbox: TestSandbox, _ id: String = "r0") async -> JSONObject {
        var object = await sandbox.send("GET", "/" + id).json?.objectValue ?? JSONObject()
        #expect(object["links"]?.objectValue?["self"] != nil, "every answer carries links")
        object.removeValue(forKey: "@odata.context")
        object.removeValue(forKey: "links")
        return object
    }

    @Test func putNeedsIfMatchAndAFreshETag() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            var body = await current(sandbox)
            body["statusReason"] = "updated"
            let text = JSONPrinter.compact.print(.object(body))
            let unconditional = await sandbox.send("PUT", "/r0", body: text)
            #expect(unconditional.status == 428)
            #expect(unconditional.target == "If-Match", "the error's target names the header")
            #expect(await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"stale\"")], body: text).status == 412)
            let ok = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: text)
            #expect(ok.status == 200)
            let stored = ok.json?.objectValue
            #expect(stored?["statusReason"] == "updated")
            let eTag = try #require(stored?["eTag"]?.stringValue)
            #expect(eTag != "\"etag-0\"")
            #expect(ok.header("ETag") == eTag)
            #expect(stored?["updatedDateTime"] != body["updatedDateTime"])
            #expect(await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: text).status == 412)
        }
    }

    @Test func putRefusesLinksAndReadOnlyChangesButIgnoresODataAnnotations() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            var body = await current(sandbox)
            body["links"] = ["self": ["uri": "x"]]
            let links = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: JSONPrinter.compact.print(.object(body)))
            #expect(links.status == 400)
            #expect(links.code == "invalidRequest")
            #expect(links.target == "links")
            #expect(links.errorDescription == "links: is read-only and must not be sent; remove it from the body")
            body.removeValue(forKey: "links")
            body["createdDateTime"] = "2020-01-01T00:00:00Z"
            let readOnly = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: JSONPrinter.compact.print(.object(body)))
            #expect(readOnly.status == 400)
            #expect(readOnly.errorDescription == "createdDateTime: is read-only and differs from the stored value")
            var annotated = await current(sandbox)
            annotated["@odata.context"] = "whatever"
            let ok = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: JSONPrinter.compact.print(.object(annotated)))
            #expect(ok.status == 200)
            #expect(ok.json?.objectValue?["@odata.context"] == nil)
        }
    }

    @Test func putChecksTheTransition() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            var closed = await current(sandbox, "r2")
            closed["status"] = "Active"
            closed["substatus"] = "Accepted"
            let response = await sandbox.send("PUT", "/r2", headers: [("If-Match", "\"etag-2\"")], body: JSONPrinter.compact.print(.object(closed)))
            #expect(response.status == 400)
            #expect(response.code == "invalidRequest")
            #expect(response.innerCode == "InvalidTransition")
            #expect(response.target == "status")
            #expect(response.errorDescription == "status: cannot move from Closed to Active: it may move to Closed")
        }
    }

    @Test(arguments: ["r0", "r1", "r2"])
    func noReferralMovesToNoneNone(id: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            let patch = #"[{"op":"replace","path":"/status","value":"None"},{"op":"replace","path":"/substatus","value":"None"}]"#
            let response = await sandbox.send("PATCH", "/" + id, body: patch)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.innerCode == "InvalidTransition")
            #expect(response.errorDescription?.contains("to None") == true, "\(response.text)")
            #expect(await sandbox.send("GET", "/" + id).json?.objectValue?["status"] != "None")
        }
    }

    /// A status taken away would escape the transition table: a Closed referral could then be
    /// reopened (null, then New). Null, or left out of a PUT, it is refused.
    @Test func aStatusCannotBeTakenAwayToEscapeTheTransitionTable() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            for patch in [
                #"[{"op":"replace","path":"/status","value":null},{"op":"replace","path":"/substatus","value":null}]"#,
                #"[{"op":"replace","path":"/status","value":null}]"#,
            ] {
                let response = await sandbox.send("PATCH", "/r2", body: patch)
                #expect(response.status == 400, "\(response.text)")
                #expect(response.target == "status")
                #expect(response.errorDescription == "status: cannot be removed or null: every referral keeps a status", "\(response.text)")
            }
            var closed = await current(sandbox, "r2")
            closed["status"] = nil
            let put = await sandbox.send("PUT", "/r2", headers: [("If-Match", "*")], body: JSONPrinter.compact.print(.object(closed)))
            #expect(put.status == 400, "\(put.text)")
            #expect(await sandbox.send("GET", "/r2").json?.objectValue?["status"] == "Closed")
        }
    }

    @Test func patchesThatTogetherBuildAnUnreadableReferralAreRefused() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
            let first = #"[{"op":"add","path":"/deep","value":"# + deep + "}]"
            #expect(await sandbox.send("PATCH", "/r0", body: first).status == 204)
            let pointer = "/deep" + String(repeating: "/0", count: 199) + "/-"
            let second = await sandbox.send("PATCH", "/r0", body: #"[{"op":"add","path":""# + pointer + #"","value":"# + deep + "}]")
            #expect(second.status == 400, "\(second.text)")
            #expect(second.errorDescription?.contains("nest deeper than 254 levels") == true)
            #expect(await sandbox.send("GET", query: [("$top", "1")]).status == 200, "the list still reads")

            let half = String(repeating: "x", count: 600_000)
            #expect(await sandbox.send("PATCH", "/r0", body: #"[{"op":"replace","path":"/details/notes","value":""# + half + #""}]"#).status == 204)
            let grown = await sandbox.send("PATCH", "/r0", body: #"[{"op":"add","path":"/more","value":""# + half + #""}]"#)
            #expect(grown.status == 400)
            #expect(grown.errorDescription?.contains("over the limit of 1048576 a write may send") == true, "\(grown.text)")
            #expect(await sandbox.send("GET", "/r0").json?.objectValue?["more"] == nil)
        }
    }

    @Test func fiftyConcurrentPutsWithOneETagHaveExactlyOneWinner() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let body = JSONPrinter.compact.print(.object(await current(sandbox)))
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: body).status }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 412 }.count == 49)
        }
    }
}

@Suite struct PatchTests {
    func patch(_ sandbox: TestSandbox, _ body: String, ifMatch: String? = nil, prefer: Bool = false) async -> SandboxResponse {
        var headers = [("Content-Type", "application/json")]
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        if prefer { headers.append(("Prefer", "return=representation")) }
        return await sandbox.send("PATCH", "/r1", headers: headers, body: body)
    }

    @Test func documentedSampleClosesWonInOneDocumentAndCoercesNumbers() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)  // r1 is Active/Accepted
            let response = await patch(
                sandbox,
                #"[{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/substatus","value":"Won"},{"op":"replace","path":"/details/dealValue","value":"10000"}]"#
            )
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            let stored = await sandbox.send("GET", "/r1").json?.objectValue
            #expect(stored?["status"] == "Closed")
            #expect(stored?["details"]?.objectValue?["dealValue"] == 10000)
            #expect(response.header("ETag") == stored?["eTag"]?.stringValue)
        }
    }

    @Test func preferReturnsTheReferralAndAddAppends() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let response = await patch(sandbox, #"[{"op":"add","path":"/team/-","value":{"firstName":"Ann","email":"ann@x.com"}}]"#, prefer: true)
            #expect(response.status == 200)
            #expect(response.json?.objectValue?["team"]?.arrayValue?.count == 2)
        }
    }

    /// A malformed body is a 400 even with a stale If-Match, on PATCH as on PUT (docs/api-choices.md):
    /// the values first; a move the stored status does not allow, after the eTag.
    @Test func aPatchsValuesAreCheckedBeforeTheETagAndItsMoveAfter() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let stale = "\"stale\""
            for op in [
                #"[{"op":"replace","path":"/details/dealValue","value":"abc"}]"#, #"[{"op":"replace","path":"/bogus","value":1}]"#,
                #"[{"op":"replace","path":"/status","value":"Bogus"}]"#, #"[{"op":"replace","path":"/type","value":null}]"#,
            ] {
                let response = await patch(sandbox, op, ifMatch: stale)
                #expect(response.status == 400, "\(op): \(response.text)")
            }
            // A documented path that is no longer there (the team got shorter since the client
            // read it) is what a stale eTag says: 412, so the client's rebase can run.
            #expect(await patch(sandbox, #"[{"op":"replace","path":"/team/4/email","value":"x"}]"#, ifMatch: stale).status == 412)
            #expect(await patch(sandbox, #"[{"op":"replace","path":"/team/4/email","value":"x"}]"#, ifMatch: "\"etag-1\"").status == 400)
            // r1 is Active/Accepted: a move back to New is not allowed from there, but the eTag says first.
            let move = #"[{"op":"replace","path":"/status","value":"New"},{"op":"replace","path":"/substatus","value":"Pending"}]"#
            #expect(await patch(sandbox, move, ifMatch: stale).status == 412)
            #expect(await patch(sandbox, move, ifMatch: "\"etag-1\"").status == 400)
        }
    }

    /// A PATCH cannot null what a referral must have: the result could not be PUT back.
    @Test func aPatchCannotNullARequiredField() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let response = await patch(
                sandbox, #"[{"op":"replace","path":"/customerProfile","value":null},{"op":"replace","path":"/type","value":null}]"#)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.target == "type")
            #expect(response.errorDescription == "type, customerProfile: required; a referral cannot be without it", "\(response.text)")
            #expect(await sandbox.send("GET", "/r1").json?.objectValue?["type"] == "Shared")
        }
    }

    /// The connector appends to `/details/requirements/solutions/-` (correction 4: every list is
    /// `[]` when empty): it works on a referral whose requirements were never set.
    @Test func theConnectorsRequirementPathsWorkOnAnyReferral() async throws {
        let solutionId = try JSONPathParser.parse("details.requirements.solutions[0].id")
        let industries = try JSONPathParser.parse("details.requirements.industries")
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let fetched = await sandbox.send("GET", "/r1").json?.objectValue?["details"]?.objectValue?["requirements"]
            #expect(fetched == ["industries": [], "products": [], "services": [], "solutions": [], "offers": nil])
            let solution = #"{"id": "Dynamics365forFieldService", "name": "Dynamics 365 for Field Service", "type": "Category"}"#
            let response = await patch(
                sandbox, #"[{"op":"add","path":"/details/requirements/solutions/-","value":"# + solution + "}]", prefer: true)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?.lookup(solutionId) == "Dynamics365forFieldService")
            let created = await sandbox.send("POST", body: TestSandbox.createBody())
            #expect(created.json?.lookup(industries) == [])
        }
    }

    /// `Prefer: return=representation` as RFC 7240 allows it: quoted, in any case, among other
    /// preferences, with parameters; anything else is a 204.
    @Test(arguments: [
        ("return=representation", 200), (#"return="representation""#, 200), ("respond-async, RETURN = Representation; x=1", 200),
        ("return=minimal", 204), ("return=representations", 204), ("handling=lenient", 204),
    ])
    func preferIsReadAsRFC7240Writes(prefer: String, status: Int) async throws {
        let sandbox = TestSandbox()
        await sandbox.seed(2)
        let response = await sandbox.send(
            "PATCH", "/r1", headers: [("Content-Type", "application/json"), ("Prefer", prefer)],
            body: #"[{"op":"replace","path":"/statusReason","value":"x"}]"#)
        #expect(response.status == status, "\(prefer)")
    }

    /// A patch that fails at a field names it as the error's target (correction 1).
    @Test func aFailingOperationNamesItsFieldAsTheTarget() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            for (op, target) in [
                (#"[{"op":"replace","path":"/team/7/email","value":"x"}]"#, "team[7].email"),
                (#"[{"op":"remove","path":"/statusReason"}]"#, "statusReason"),
            ] {
                let response = await patch(sandbox, op)
                #expect(response.status == 400, "\(response.text)")
                #expect(response.target == target, "\(op): \(response.text)")
            }
        }
    }

    @Test func ifMatchIsOptionalButHonoured() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let op = #"[{"op":"replace","path":"/statusReason","value":"x"}]"#
            #expect(await patch(sandbox, op, ifMatch: "\"stale\"").status == 412)
            #expect(await patch(sandbox, op, ifMatch: "\"etag-1\"").status == 204)
            #expect(await patch(sandbox, op).status == 204)
        }
    }

    @Test(arguments: [
        (
            #"[{"op":"remove","path":"/statusReason"}]"#,
            "operation 0: 'remove' is not supported; only replace and add are (use PUT to remove a field)"
        ),
        (#"[{"op":"replace","path":"/id","value":"x"}]"#, "id: is read-only"),
        (#"[{"op":"replace","path":"/details/dealValue","value":"ten"}]"#, "details.dealValue: expected a number, got string \"ten\""),
        (
            #"[{"op":"replace","path":"/status","value":"New"},{"op":"replace","path":"/substatus","value":"Pending"}]"#,
            "status: cannot move from Active to New: it may move to Active or Closed"
        ),
        (#"[{"op":"replace","path":"/nope/x","value":1}]"#, "operation 0: replace /nope/x: nope: no such member"),
        (#"{"op":"replace"}"#, "a JSON Patch document must be an array of operations"),
    ])
    func refusedPatchesChangeNothing(body: String, description: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let before = await sandbox.send("GET", "/r1").text
            let response = await patch(
                sandbox, #"[{"op":"replace","path":"/statusReason","value":"first op applies"}]"#.dropLast() + "," + body.dropFirst())
            if body.hasPrefix("[") {
                #expect(response.status == 400)
                #expect(
                    response.errorDescription?.hasSuffix(description.replacingOccurrences(of: "operation 0", with: "operation 1")) == true,
                    "\(response.errorDescription ?? "")")
            }
            let single = await patch(sandbox, body)
            #expect(single.status == 400)
            #expect(single.errorDescription == description)
            #expect(await sandbox.send("GET", "/r1").text == before, "an atomic patch leaves no trace")
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let response = await sandbox.send("PATCH", "/r1", headers: [("Content-Type", "text/plain")], body: "[]")
            #expect(response.status == 415)
        }
    }
}
