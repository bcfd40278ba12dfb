import Testing

@testable import ReferralsWire

/// A secret encoded more than once (percent-encoded twice or three times, JSON-escaped and then
/// percent-encoded) is still taken out: a run of URL or JSON-string characters is decoded layer
/// after layer, and replaced whole when any layer holds a secret.
@Suite struct NestedEncodingTests {
    static let secret = "eyJ0eXAiOiJKV1Qi/payload_9-token"

    /// Every byte as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        text.utf8.map { "%" + String($0, radix: 16, uppercase: true).leftPadded }.joined()
    }

    func keeper() -> SecretKeeper {
        let keeper = SecretKeeper()
        keeper.remember(Secret(Self.secret))
        return keeper
    }

    @Test(arguments: [
        ("twice", percentEncoded(percentEncoded(secret))),
        ("three times", percentEncoded(percentEncoded(percentEncoded(secret)))),
        ("JSON-escaped, then percent-encoded", percentEncoded(secret.replacingOccurrences(of: "/", with: "\\/"))),
        ("percent-encoded, then JSON-escaped", percentEncoded(secret).replacingOccurrences(of: "%", with: "\\u0025")),
    ])
    func aSecretEncodedInLayersIsTakenOut(how: String, encoded: String) {
        let line = "GET https://api.test/v1.0/engagements/referrals?next=" + encoded + "&top=5 answered 200"
        let redacted = keeper().redact(line)
        #expect(!redacted.contains(encoded), "\(how): \(redacted)")
        // The whole run of URL characters goes, its name with it.
        #expect(redacted == "GET https://api.test/v1.0/engagements/referrals?<redacted>&top=5 answered 200", "\(how)")
    }

    @Test func encodedTextWithoutASecretStaysAsItIs() {
        let line = "GET https://api.test/?q=%2541%2542%255C and \\u0041 %ZZ"
        #expect(keeper().redact(line) == line)
    }

    @Test func layersStopWhereNothingChangesOrAtTheBound() {
        #expect(EncodedRuns.layers(of: "%252541") == ["%2541", "%41", "A"])
        #expect(EncodedRuns.layers(of: "plain").isEmpty)
        let deep = "%" + String(repeating: "25", count: 50) + "41"
        #expect(EncodedRuns.layers(of: deep).count == EncodedRuns.maximumLayers)
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
