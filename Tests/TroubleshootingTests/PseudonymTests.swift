import Client
import Foundation
import ReferralKit
import ReferralsWire
import Testing

@testable import Troubleshooting

/// `--redact-pii`: contact data becomes pseudonyms that are stable within a file, wherever the
/// value appears (a referral, a list page, a JSON Patch, a `$filter`).
@Suite struct PseudonymTests {
    static let referral = """
        {"id":"r1","customerProfile":{"name":"Contoso Customer Inc","address":{"addressLine1":"One Microsoft Way","city":"Redmond","postalCode":"98052","country":"US"},
        "team":[{"firstName":"Sue","lastName":"Smith","email":"sue.smith@contoso.com","phoneNumber":"1234567890"}]},
        "team":[{"firstName":"Joe","lastName":"Hansen","email":"joe.hansen@contoso.com","phoneNumber":"4035698759"}],"details":{"dealValue":5}}
        """

    @Test func theSameValueBecomesTheSamePseudonymAcrossExchanges() async throws {
        let path = RedactionTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = HARRecorder(path: path, creatorVersion: "0.9.0", keeper: SecretKeeper(), redactsPII: true) { _ in }
        try await recorder.start()
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/r1", response: Self.referral))
        await recorder.append(
            RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals", response: "{\"value\":[" + Self.referral + "]}"))
        let patch =
            #"[{"op":"replace","path":"/customerProfile/team/0/email","value":"sue.smith@contoso.com"},{"op":"add","path":"/team/-","value":{"firstName":"Ann","email":"ann@contoso.com"}}]"#
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/r1", body: patch))
        let filter = "https://api.test/v1.0/engagements/referrals?$filter=" + PercentEncoding.encode("team/any(t:t/email eq 'sue.smith@contoso.com')")
        await recorder.append(RedactionTests.exchange(url: filter))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for original in [
            "Contoso Customer Inc", "One Microsoft Way", "Redmond", "98052", "Sue", "Smith", "sue.smith", "1234567890", "Hansen", "4035698759",
            "ann@contoso.com",
        ] {
            #expect(!text.contains(original), "\(original) is still in the recording")
        }
        let entries = try #require(try JSONParser.parse(text).objectValue?["log"]?.objectValue?["entries"]?.arrayValue)
        let bodies = entries.compactMap { $0.objectValue?["response"]?.objectValue?["content"]?.objectValue?["text"]?.stringValue }
        let first = try JSONParser.parse(bodies[0])
        let listed = try #require(try JSONParser.parse(bodies[1]).objectValue?["value"]?.arrayValue?.first)
        #expect(first == listed, "a referral and the same referral in a list get the same pseudonyms")
        let email = first.objectValue?["customerProfile"]?.objectValue?["team"]?.arrayValue?.first?.objectValue?["email"]?.stringValue
        #expect(email == "contact1@example.invalid")
        #expect(first.objectValue?["customerProfile"]?.objectValue?["address"]?.objectValue?["country"] == "US", "the country is not contact data")
        #expect(first.objectValue?["details"]?.objectValue?["dealValue"] == .int(5))
        let sent = entries[2].objectValue?["request"]?.objectValue?["postData"]?.objectValue?["text"]?.stringValue ?? ""
        #expect(sent.contains("contact1@example.invalid"), "the patch's value is the same pseudonym")
        #expect(entries[2].objectValue?["_refsh"]?.objectValue?["redactedPaths"]?.arrayValue?.contains("/0/value") == true)
        let url = entries[3].objectValue?["request"]?.objectValue?["url"]?.stringValue ?? ""
        #expect(PercentEncoding.decode(url).contains("contact1@example.invalid") || url.contains("contact1%40example.invalid"))
        #expect(text.contains("Customer contact data"))
    }

    /// A pseudonym with a space (`City 1`) goes into a URL percent-encoded, where its original
    /// needed no encoding (`Redmond`): the recorded URL stays one curl and HAR readers take.
    @Test func aPseudonymInAURLIsPercentEncoded() throws {
        let redactor = ExchangeRedactor(keeper: SecretKeeper(), pseudonyms: PIIPseudonyms())
        _ = redactor.redact(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/r1", response: Self.referral))
        let filter = "https://api.test/v1.0/engagements/referrals?$filter=" + PercentEncoding.encode("customerProfile/address/city eq 'Redmond'")
        let url = redactor.redact(RedactionTests.exchange(url: filter)).url
        #expect(url.hasSuffix("%27City%201%27"), "\(url)")
        #expect(!url.contains(" "))
        #expect(redactor.text("the city Redmond") == "the city City 1", "free text outside a URL keeps its space")
    }

    @Test func withoutTheOptionContactDataStays() async throws {
        let redacted = ExchangeRedactor(keeper: SecretKeeper()).redact(
            RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/r1", response: Self.referral))
        #expect(redacted.responseBody?.text.contains("sue.smith@contoso.com") == true)
    }
}

/// Free-text replacement of known contact data touches whole words and numbers only.
@Suite struct PseudonymBoundaryTests {
    @Test func aPostalCodeInsideALongerNumberStays() {
        #expect(PIIPseudonyms.replacingWhole("10001", with: "00001", in: "dealValue 1000150, zip 10001.") == "dealValue 1000150, zip 00001.")
        #expect(PIIPseudonyms.replacingWhole("sue@x.com", with: "c1@e.invalid", in: "%27sue@x.com%27 ssue@x.com") == "%27c1@e.invalid%27 ssue@x.com")
    }

    @Test func aReplayedEndpointKeepsItsPathPrefix() {
        #expect(HARReader.endpoint(of: "https://proxy.test/partner/v1.0/engagements/referrals/x?$top=1") == "https://proxy.test/partner")
        #expect(HARReader.endpoint(of: "http://127.0.0.1:5/v1.0/engagements/referrals") == "http://127.0.0.1:5")
        #expect(HARReader.endpoint(of: "http://127.0.0.1:5/_sandbox/faults") == "http://127.0.0.1:5")
    }
}
