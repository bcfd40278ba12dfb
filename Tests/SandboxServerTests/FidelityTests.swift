import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Testing

/// The sandbox answers as the referrals service does where the Corrections of 2026-12-02 say it
/// differs from the first reading: member names matched without regard to case, a repeated
/// MS-RequestId answered with the first create, the Partner API page's headers echoed.
@Suite struct FidelityTests {
    @Test func memberNamesAreMatchedWithoutRegardToCaseAndAnsweredInCamelCase() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let body =
                #"{"Type": "Independent", "CustomerProfile": {"Name": "Contoso", "Address": {"Country": "US"}, "Team": []}, "Consent": {"ConsentToContact": true}, "Details": {"DealValue": 1000, "Currency": "USD"}, "FutureField": 1}"#
            let created = await sandbox.send("POST", body: body)
            #expect(created.status == 200, "\(created.text)")
            let referral = try #require(created.json?.objectValue)
            #expect(referral["consent"]?.objectValue?["consentToContact"] == true)
            #expect(referral["customerProfile"]?.objectValue?["address"]?.objectValue?["country"] == "US")
            #expect(referral["Consent"] == nil && referral["type"] == "Independent")
            #expect(referral["FutureField"] == 1, "an undocumented member keeps its spelling")
            let id = try #require(referral["id"]?.stringValue), eTag = try #require(referral["eTag"]?.stringValue)

            let patch =
                #"[{"op": "replace", "path": "/Details/DealValue", "value": 2500}, {"op": "add", "path": "/Team/-", "value": {"Email": "sue@contoso.example"}}]"#
            let patched = await sandbox.send(
                "PATCH", "/" + id, headers: [("If-Match", eTag), ("Prefer", "return=representation"), ("Content-Type", "application/json")],
                body: patch)
            #expect(patched.status == 200, "\(patched.errorDescription ?? patched.text)")
            #expect(patched.json?.lookup(try JSONPathParser.parse("details.dealValue")) == 2500)
            #expect(patched.json?.lookup(try JSONPathParser.parse("team[-1].email")) == "sue@contoso.example")
        }
    }

    /// The seed keeps the dates the service keeps (correction 7): a client that computes how long
    /// a deal took to close finds the dates on seeded referrals too.
    @Test func seededReferralsCarryTheDatesOfTheirStatus() throws {
        let referrals = SandboxSeed.referrals(count: 70).compactMap(\.objectValue)
        for referral in referrals {
            let status = referral["status"]?.stringValue, substatus = referral["substatus"]?.stringValue
            let closed = referral["closedDateTime"]?.stringValue, accepted = referral["acceptedDateTime"]?.stringValue
            #expect((status == "Closed") == (closed != nil), "\(referral)")
            if status == "Closed" { #expect(closed == referral["updatedDateTime"]?.stringValue) }
            // Expired is what the 14-day rule does to an unanswered New referral: never accepted,
            // closed the moment it expired.
            if substatus == "Expired", let created = referral["createdDateTime"]?.stringValue.flatMap(SandboxTime.seconds) {
                #expect(accepted == nil)
                #expect(closed.flatMap(SandboxTime.seconds) == created + 14 * 86_400, "\(referral)")
            }
            if status == "Active" || substatus == "Won" || substatus == "Lost" { #expect(accepted != nil, "\(referral)") }
            if status == "New" { #expect(accepted == nil, "\(referral)") }
            if referral["direction"] == "Outgoing" {
                #expect(accepted == referral["createdDateTime"]?.stringValue, "accepted at creation")
                #expect(status != "New" && substatus != "Declined" && substatus != "Expired", "\(referral)")
            }
            if let accepted, let created = referral["createdDateTime"]?.stringValue { #expect(accepted >= created) }
        }
    }

    @Test func aCreateRepeatedWithTheSameRequestIdAnswersTheFirstAndCreatesNothing() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let headers = [("MS-RequestId", "create-1")]
            let first = await sandbox.send("POST", headers: headers, body: TestSandbox.createBody())
            let again = await sandbox.send("POST", headers: headers, body: TestSandbox.createBody())
            #expect(first.status == 200 && again.status == 200)
            #expect(again.json?.objectValue?["id"] == first.json?.objectValue?["id"])
            let other = await sandbox.send("POST", headers: [("MS-RequestId", "create-2")], body: TestSandbox.createBody())
            #expect(other.json?.objectValue?["id"] != first.json?.objectValue?["id"])
            let count = await sandbox.send("GET", query: [("$count", "true"), ("$top", "1")])
            #expect(count.json?.objectValue?["@odata.count"] == 2, "two creates, not three")

            // A refused create is not remembered: fixed, the same request id creates.
            let refused = await sandbox.send("POST", headers: [("MS-RequestId", "create-3")], body: #"{"type": "Independent"}"#)
            #expect(refused.status == 400)
            let fixed = await sandbox.send("POST", headers: [("MS-RequestId", "create-3")], body: TestSandbox.createBody())
            #expect(fixed.status == 200)
        }
    }

    @Test func thePartnerAPIHeadersAreEchoed() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let response = await sandbox.send("GET", "/r0", headers: [("client-request-id", "cli-7"), ("MS-RequestId", "req-7")])
            #expect(response.status == 200)
            #expect(response.header("client-request-id") == "cli-7")
            #expect(response.header("Request-ID") == "req-7")
            #expect(response.header("ETag") == response.json?.objectValue?["eTag"]?.stringValue)
        }
    }

    @Test func everyReferralHasItsListsAndLinksAndTakesARegistration() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let got = await sandbox.send("GET", "/r0")
            let referral = try #require(got.json?.objectValue)
            for list in ["team", "target", "registrations", "tags"] {
                #expect(referral[list]?.arrayValue != nil, "\(list) is a list")
            }
            #expect(referral["customerProfile"]?.objectValue?["ids"] == [])
            #expect(referral["salesStage"] == .null && referral["details"]?.objectValue?["closingDateTime"] == .null, "unset fields are null")
            #expect(referral["links"]?.objectValue?["self"]?.objectValue?["uri"]?.stringValue?.hasSuffix("/v1.0/engagements/referrals/r0") == true)
            let eTag = try #require(referral["eTag"]?.stringValue)
            // The connector's deal registration: add /registrations/- on /referrals/{id}/ (trailing slash).
            let registration = #"[{"op": "add", "path": "/registrations/-", "value": {"registrationStatus": "Pending"}}]"#
            let patched = await sandbox.send(
                "PATCH", "/r0/", headers: [("If-Match", eTag), ("Prefer", "return=representation")], body: registration)
            #expect(patched.status == 200, "\(patched.errorDescription ?? patched.text)")
            #expect(patched.json?.objectValue?["registrations"] == [["registrationStatus": "Pending"]])
        }
    }

    @Test func queriesTakeTheConnectorsFieldsUnquotedGUIDsAndExpand() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(10)
            let guid = "1352e03d-1d15-4533-9f93-a69bd33ab1e5"
            let created = await sandbox.send(
                "POST", body: TestSandbox.createBody(#", "engagementId": "\#(guid)", "mpnId": "4812345", "referralSource": "Partner""#))
            #expect(created.status == 200)

            // The service's own relatedReferrals link filters on an unquoted GUID.
            let related = await sandbox.send("GET", query: [("$filter", "engagementId eq \(guid)"), ("$expand", "team")])
            #expect(related.status == 200, "\(related.errorDescription ?? related.text)")
            #expect(related.json?.objectValue?["value"]?.arrayValue?.count == 1)

            let byMpn = await sandbox.send("GET", query: [("$filter", "mpnId eq '4812345'"), ("$select", "id,mpnId,referralSource")])
            #expect(byMpn.status == 200, "\(byMpn.errorDescription ?? byMpn.text)")
            let first = byMpn.json?.objectValue?["value"]?.arrayValue?.first?.objectValue
            #expect(first.map { Array($0.keys) } == ["id", "mpnId", "referralSource"])

            // $orderby takes any documented property, nested ones too, numbers by value.
            let sorted = await sandbox.send("GET", query: [("$orderby", "details/dealValue desc"), ("$top", "3")])
            #expect(sorted.status == 200, "\(sorted.errorDescription ?? sorted.text)")
            let values = sorted.json?.objectValue?["value"]?.arrayValue?.compactMap { $0.lookup(try! JSONPathParser.parse("details.dealValue")) }
            #expect(values == [1000, 900, 800])
            let bad = await sandbox.send("GET", query: [("$orderby", "nosuch desc")])
            #expect(bad.status == 400)
            #expect(bad.target == "$orderby" && bad.errorDescription?.contains("nosuch") == true, "the target names the option")
        }
    }

    @Test func customerProfileIdsAreAListOfProfileTypesAndIds() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let body = { (ids: String) in
                #"{"type": "Independent", "customerProfile": {"name": "Contoso", "ids": "# + ids + #"}, "consent": {}, "details": {}}"#
            }
            #expect(await sandbox.send("POST", body: body("{}")).status == 400, "an object is not the list")
            let other = await sandbox.send("POST", body: body(#"[{"profileType": "Other", "id": "1"}]"#))
            #expect(other.status == 400)
            #expect(other.target == "customerProfile.ids[0].profileType", "\(other.text)")
            let created = await sandbox.send("POST", body: body(#"[{"profileType": "Duns", "id": "123456789"}]"#))
            #expect(created.status == 200, "\(created.text)")
            let found = await sandbox.send("GET", query: [("$filter", "customerProfile/ids/any(i:i/id eq '123456789')")])
            #expect(found.status == 200, "\(found.text)")
            #expect(found.json?.objectValue?["value"]?.arrayValue?.count == 1)
        }
    }

    @Test func aNumericStringForADecimalIsTheNumberInEveryKindOfWrite() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let created = await sandbox.send(
                "POST", body: #"{"type": "Independent", "customerProfile": {"name": "Contoso"}, "consent": {}, "details": {"dealValue": "1234.50"}}"#)
            #expect(created.status == 200, "\(created.text)")
            let id = created.json?.objectValue?["id"]?.stringValue ?? ""
            var current = try #require(await sandbox.send("GET", "/" + id).json?.objectValue)
            #expect(current["details"]?.objectValue?["dealValue"] == .number(try #require(JSONNumber(literal: "1234.50"))))
            let eTag = current["eTag"]?.stringValue ?? ""
            current.removeValue(forKey: "@odata.context")
            current.removeValue(forKey: "links")
            var details = current["details"]?.objectValue ?? JSONObject()
            details["dealValue"] = "99"
            current["details"] = .object(details)
            let replaced = await sandbox.send("PUT", "/" + id, headers: [("If-Match", eTag)], body: JSONPrinter.compact.print(.object(current)))
            #expect(replaced.status == 200, "\(replaced.text)")
            #expect(replaced.json?.objectValue?["details"]?.objectValue?["dealValue"] == 99)
            // Inside an object a PATCH replaces, too.
            let patch = #"[{"op":"replace","path":"/details","value":{"dealValue":"777","currency":"USD"}}]"#
            #expect(await sandbox.send("PATCH", "/" + id, body: patch).status == 204)
            #expect(await sandbox.send("GET", "/" + id).json?.objectValue?["details"]?.objectValue?["dealValue"] == 777)
            let words = await sandbox.send(
                "POST", body: #"{"type": "Independent", "customerProfile": {"name": "C"}, "consent": {}, "details": {"dealValue": "lots"}}"#)
            #expect(words.status == 400, "a string that is not a number is still refused")
        }
    }
}
