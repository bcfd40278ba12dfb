import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Testing

@Suite struct AuthAndRoutingTests {
    @Test func missingOrWrongTokenIs401WithAChallenge() async throws {
        try await TestSandbox.eachTransport { sandbox in
            for token in [nil, "wrong", ""] as [String?] {
                let response = await sandbox.send("GET", token: token)
                #expect(response.status == 401)
                #expect(response.header("WWW-Authenticate") == "Bearer")
                #expect(response.code == "unauthenticated")
            }
        }
    }

    @Test func everyErrorUsesTheDocumentedSchemaAndEchoesIds() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("GET", "/nope", headers: [("MS-RequestId", "req-1"), ("MS-CorrelationId", "cor-1")])
            #expect(response.status == 404)
            // The referrals service's own shape: {"error": {code, message, target, innerError}}.
            let body = try #require(response.error)
            #expect(Array(body.keys) == ["code", "message", "target", "innerError"])
            #expect(body["code"] == "itemNotFound")
            #expect(body["message"]?.stringValue?.isEmpty == false)
            #expect(response.json?.objectValue?.keys.count == 1)
            #expect(response.header("MS-RequestId") == "req-1")
            #expect(response.header("MS-CorrelationId") == "cor-1")
        }
    }

    @Test func injectedHeaderValuesAreNotEchoed() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("GET", headers: [("MS-RequestId", "a\r\nSet-Cookie: x=1")])
            #expect(response.header("MS-RequestId") == "id-1")
            #expect(!response.headers.contains { $0.name == "Set-Cookie" })
        }
    }

    @Test func craftedIdsAreJust404s() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            for id in ["..%2Fr0", "r0%2F..%2Fr0", String(repeating: "a", count: 300), "r0%00", "%27%20or%201%3D1"] {
                let response = await sandbox.send("GET", "/" + id)
                #expect(response.status == 404, "\(id)")
                #expect(response.code == "itemNotFound")
            }
            #expect(await sandbox.send("GET", "/r0").status == 200, "the server is still up")
        }
    }

    /// The route's words match in any case, as ASP.NET Core routing matches them; the id is
    /// taken as it is, and another path is still a 404.
    @Test func theRoutesWordsMatchInAnyCase() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let request = { (path: String) in
                SandboxRequest(method: "GET", path: path, headers: [("Authorization", "Bearer secret")])
            }
            #expect(await sandbox.deliver(request("/V1.0/Engagements/Referrals/r0")).status == 200)
            #expect(await sandbox.deliver(request("/v1.0/ENGAGEMENTS/referrals")).status == 200)
            #expect(await sandbox.deliver(request("/v1.0/engagements/referrals/R0")).status == 404, "ids as they are")
            #expect(await sandbox.deliver(request("/v1.0/engagements/referralsx")).status == 404)
            #expect(await sandbox.deliver(request("/v1.0/engagements/réferrals")).status == 404)
        }
    }

    @Test func unknownMethodsAre405() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let delete = await sandbox.send("DELETE", "/r0")
            #expect(delete.status == 405)
            #expect(delete.header("Allow") == "GET, PUT, PATCH")
            #expect(delete.errorDescription == "DELETE is not allowed here (a referral ends by moving to Closed)")
            // A POST to a referral is a create sent to the wrong place, not an attempt to end it.
            let post = await sandbox.send("POST", "/r0", body: "{}")
            #expect(post.errorDescription == "POST is not allowed here (a referral is created with POST to the collection)")
            #expect(await sandbox.send("PUT").status == 405)
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("POST", body: String(repeating: " ", count: (1 << 20) + 1))
            #expect(response.status == 413)
        }
    }
}

@Suite struct GetAndCreateTests {
    @Test func getOneAddsTheODataContextAndETag() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let response = await sandbox.send("GET", "/r1")
            #expect(response.status == 200)
            #expect(response.json?.objectValue?.keys.prefix(2) == ["@odata.context", "id"])
            #expect(response.header("ETag") == "\"etag-1\"")
            #expect(await sandbox.send("GET", "/missing").status == 404)
        }
    }

    @Test func createAppliesTheDocumentedDefaults() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("POST", body: TestSandbox.createBody(#", "engagementId": "eng-given", "futureField": {"kept": [1]}"#))
            #expect(response.status == 200, "the service answers a create with 200")
            let referral = response.json?.objectValue
            #expect(referral?["status"] == "Active")
            #expect(referral?["substatus"] == "Accepted")
            #expect(referral?["direction"] == "Outgoing")
            #expect(referral?["engagementId"] == "eng-given")
            let created = try #require(referral?["createdDateTime"]?.stringValue)
            #expect(referral?["acceptedDateTime"]?.stringValue == created)
            #expect(referral?["futureField"] == ["kept": [1]])
            #expect(referral?["organizationName"] == "Contoso Company")
            let id = referral?["id"]?.stringValue ?? ""
            #expect(response.header("Location") == sandbox.expectedBase + "/v1.0/engagements/referrals/" + id)
            let eTag = try #require(referral?["eTag"]?.stringValue)
            #expect(response.header("ETag") == eTag)
            let fetched = await sandbox.send("GET", "/" + id)
            #expect(fetched.json?.objectValue?["futureField"] == ["kept": [1]])
        }
    }

    /// Absent, null (a typed client's unset property) or empty: the referral gets an engagement
    /// of its own, and its related-referrals link names that one.
    @Test(arguments: ["", #", "engagementId": null"#, #", "engagementId": """#, #", "engagementId": "  ""#])
    func createMakesAnEngagementIdWhenAbsent(given: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("POST", body: TestSandbox.createBody(given))
            let referral = response.json?.objectValue
            let engagement = try #require(referral?["engagementId"]?.stringValue)
            #expect(!engagement.trimmingCharacters(in: .whitespaces).isEmpty)
            let related = referral?["links"]?.objectValue?["relatedReferrals"]?.objectValue?["uri"]?.stringValue ?? ""
            #expect(related.removingPercentEncoding?.contains("engagementId eq '\(engagement)'") == true, "\(related)")
        }
    }

    @Test(arguments: ["type", "customerProfile", "consent", "details"])
    func createNamesTheMissingField(field: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            var body = try JSONParser.parse(TestSandbox.createBody()).objectValue!
            body.removeValue(forKey: field)
            let response = await sandbox.send("POST", body: JSONPrinter.compact.print(.object(body)))
            #expect(response.status == 400)
            #expect(response.target == field)
            #expect(response.errorDescription == "\(field): is required to create a referral")
        }
    }

    @Test func createRejectsInvalidValuesNamingTheField() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("POST", body: TestSandbox.createBody(#", "qualification": "Hot""#))
            #expect(response.status == 400)
            #expect(response.errorDescription?.hasPrefix("qualification: unknown ReferralQualification value \"Hot\"") == true)
        }
    }

    @Test(
        arguments: [
            ("{\"type\": 1,}", "the body is not valid JSON: line 1, column 11: trailing comma before '}'"),
            ("[1]", "the body must be a JSON object, not array"),
            (String(repeating: "[", count: 5000), "the body is not valid JSON: line 1, column 257: nesting deeper than 256 levels"),
        ] as [(String, String?)])
    func badBodiesAre400(body: String, description: String?) async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("POST", body: body)
            #expect(response.status == 400)
            if let description { #expect(response.errorDescription == description) }
        }
    }

    @Test func numbersBeyondTheDecimalRangeAre400() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let body = TestSandbox.createBody().replacingOccurrences(of: "\"dealValue\": 1000", with: "\"dealValue\": 1e999999999999999999999")
            let response = await sandbox.send("POST", body: body)
            #expect(response.status == 400)
            #expect(response.errorDescription == "details.dealValue: 1e999999999999999999999 is out of range for a decimal (at most about ±7.9e28)")
        }
    }

    @Test func invalidUTF8IsA400() async throws {
        try await TestSandbox.eachTransport { sandbox in
            var request = SandboxRequest(
                method: "POST", path: ReferralsRoutes.collectionPath,
                headers: [("Authorization", "Bearer secret"), ("Content-Type", "application/json")])
            request.body = [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]
            let response = await sandbox.deliver(request)
            #expect(response.status == 400)
            #expect(response.errorDescription?.contains("invalid UTF-8") == true)
        }
    }
}
