import Client
import Foundation
import ReferralKit
import ReferralsWire
import Testing

@testable import Troubleshooting

/// Reading recordings back and matching requests against them.
@Suite struct ReplayTests {
    static func har(_ entries: String, version: String = "1.2") -> [UInt8] {
        Array(#"{"log":{"version":"\#(version)","creator":{"name":"test","version":"1"},"entries":[\#(entries)]}}"#.utf8)
    }

    static func entry(method: String = "GET", url: String, body: String? = nil, ifMatch: String? = nil, status: Int = 200) -> String {
        var headers = #"[{"name":"MS-RequestId","value":"rid-1"}"#
        if let ifMatch { headers += #",{"name":"If-Match","value":"\#(ifMatch)"}"# }
        headers += "]"
        let post = body.map { #","postData":{"mimeType":"application/json","text":\#(JSONPrinter.quoted($0))}"# } ?? ""
        return
            #"{"request":{"method":"\#(method)","url":"\#(url)","headers":\#(headers)\#(post)},"response":{"status":\#(status),"headers":[],"content":{"text":"{}"}}}"#
    }

    @Test func aFileThatIsNotAHARIsRefusedWithWhereAndWhy() {
        #expect(
            throws: HARReader.Refusal(
                line: 1, column: 25, message: "not a HAR file: unexpected end of input: expected a member name in double quotes")
        ) {
            try HARReader.read(Array(#"{"log":{"version":"1.2","#.utf8))
        }
        #expect(throws: HARReader.Refusal.self) { try HARReader.read(Array("not json".utf8)) }
        #expect(throws: HARReader.Refusal(message: "HAR version 2.0 is not one refsh reads (1.2, or 1.1)")) {
            try HARReader.read(Self.har("", version: "2.0"))
        }
        #expect(throws: HARReader.Refusal(message: "not a HAR file: it has no \"log\" object")) { try HARReader.read(Array("[]".utf8)) }
        #expect(throws: HARReader.Refusal(message: "entry 1: request.method or request.url is missing")) {
            try HARReader.read(Self.har(#"{"request":{},"response":{"status":200}}"#))
        }
    }

    @Test func aVersionWrittenAsANumberIsRead() throws {
        let text = #"{"log":{"version":1.2,"creator":{"name":"x"},"entries":[\#(Self.entry(url: "https://api.test/v1.0/engagements/referrals/a"))]}}"#
        #expect(try HARReader.read(Array(text.utf8)).exchanges.count == 1)
    }

    @Test func entriesForOtherSitesAreSkippedAndCounted() throws {
        let recording = try HARReader.read(
            Self.har(
                [
                    Self.entry(url: "https://partner.microsoft.com/dashboard"), Self.entry(url: "https://api.test/v1.0/engagements/referrals/a"),
                    Self.entry(url: "https://fonts.test/font.woff2"),
                ].joined(separator: ",")))
        #expect(recording.exchanges.count == 1)
        #expect(recording.skipped == 2)
        #expect(recording.origin == "https://api.test")
    }

    @Test func queriesAreComparedDecodedAndInAnyOrder() throws {
        let recording = try HARReader.read(
            Self.har(Self.entry(url: "https://api.test/v1.0/engagements/referrals?%24top=5&%24filter=status%20eq%20%27Active%27")))
        let sent = HTTPRequestData(method: "GET", url: "http://127.0.0.1:9/v1.0/engagements/referrals?$filter=status+eq+'Active'&$top=5", headers: [])
        #expect(RequestMatcher.difference(sent, recording.exchanges[0]) == nil)
        let other = HTTPRequestData(
            method: "GET", url: "http://127.0.0.1:9/v1.0/engagements/referrals?$filter=status+eq+'Active'&$top=6", headers: [])
        #expect(RequestMatcher.difference(other, recording.exchanges[0]) == "query $top: sent 6, recorded 5")
    }

    /// A recording redacts a token a script put in a `$filter`: the replay sends the token
    /// again, and the rest of the value is still compared.
    @Test func aRedactedPartOfAQueryValueIsNotCompared() throws {
        let recording = try HARReader.read(
            Self.har(Self.entry(url: "https://api.test/v1.0/engagements/referrals?%24filter=name%20eq%20%27%3Credacted%3E%27&%24top=5")))
        let base = "http://127.0.0.1:9/v1.0/engagements/referrals?$top=5&$filter="
        let same = HTTPRequestData(method: "GET", url: base + "name%20eq%20'Zq7tokSecret123456'", headers: [])
        #expect(RequestMatcher.difference(same, recording.exchanges[0]) == nil)
        let other = HTTPRequestData(method: "GET", url: base + "city%20eq%20'Zq7tokSecret123456'", headers: [])
        #expect(
            RequestMatcher.difference(other, recording.exchanges[0])
                == "query $filter: sent city eq 'Zq7tokSecret123456', recorded name eq '<redacted>'")
        #expect(RequestMatcher.matchesAroundRedactions(sent: "a-x-b-y-c", recorded: "a-<redacted>-b-<redacted>-c"))
        #expect(!RequestMatcher.matchesAroundRedactions(sent: "a-x-c", recorded: "a-<redacted>-b-<redacted>-c"))
        #expect(!RequestMatcher.matchesAroundRedactions(sent: "ab", recorded: "ab<redacted>b"), "the parts may not overlap")
    }

    @Test func bodiesAreComparedAsJSONAndRedactedValuesAreNot() throws {
        let recorded = #"{"a":1,"customerProfile":{"team":[{"email":"contact1@example.invalid"}]},"note":"<redacted>"}"#
        var recording = try HARReader.read(
            Self.har(Self.entry(method: "PUT", url: "https://api.test/v1.0/engagements/referrals/x", body: recorded, ifMatch: "\\\"e1\\\"")))
        recording.exchanges[0].redactedPaths = ["/customerProfile/team/0/email"]
        let sent = { (body: String, eTag: String) in
            HTTPRequestData(
                method: "PUT", url: "https://api.test/v1.0/engagements/referrals/x", headers: [("If-Match", eTag)], body: Array(body.utf8))
        }
        let exchange = recording.exchanges[0]
        #expect(
            RequestMatcher.difference(sent(#"{"customerProfile":{"team":[{"email":"real@contoso.com"}]},"note":"x", "a":1}"#, "\"e1\""), exchange)
                == nil)
        #expect(
            RequestMatcher.difference(sent(#"{"a":2,"customerProfile":{"team":[{"email":"r"}]},"note":"x"}"#, "\"e1\""), exchange)
                == "body /a: sent 2, recorded 1")
        #expect(RequestMatcher.difference(sent(recorded, "\"e2\""), exchange) == "If-Match: sent \"e2\", recorded \"e1\"")
        #expect(
            RequestMatcher.difference(HTTPRequestData(method: "GET", url: "https://api.test/v1.0/engagements/referrals/x", headers: []), exchange)
                == "method: sent GET, recorded PUT")
    }

    @Test func theFirstMismatchEndsTheReplayAndEveryRequestAfterIt() throws {
        let script = ReplayScript(
            recording: try HARReader.read(Self.har(Self.entry(url: "https://api.test/v1.0/engagements/referrals/a"))), name: "r.har")
        let request = { (id: String) in HTTPRequestData(method: "GET", url: "https://h/v1.0/engagements/referrals/" + id, headers: []) }
        #expect(throws: Never.self) { _ = try script.answer(request("a")) }
        do {
            _ = try script.answer(request("b"))
            Issue.record("a request past the end was answered")
        } catch {
            #expect(error.endsRun)
            #expect(error.message == "replay: request 2 GET /v1.0/engagements/referrals/b: the recording has no more requests (1 recorded)")
        }
        #expect(script.nextRequestId() == "rid-1", "the recorded request ids come back in order")
    }
}
