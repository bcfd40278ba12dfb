import ReferralKit
import SandboxCore
import Testing

@Suite struct SeedTests {
    @Test func seedIsDeterministicValidAndCoversEveryState() {
        let referrals = SandboxSeed.referrals(count: 300)
        #expect(referrals.count == 301)
        #expect(referrals.map { JSONPrinter.compact.print($0) } == SandboxSeed.referrals(count: 300).map { JSONPrinter.compact.print($0) })
        #expect(Set(referrals.compactMap(ReferralDocument.id)).count == 301)
        for referral in referrals {
            let errors = ReferralValidator.validate(referral).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(errors)")
        }
        let pairs = Set(referrals.map { "\($0.objectValue?["status"]?.stringValue ?? "")/\($0.objectValue?["substatus"]?.stringValue ?? "")" })
        #expect(pairs == ["New/Pending", "New/Received", "Active/Accepted", "Closed/Won", "Closed/Lost", "Closed/Declined", "Closed/Expired"])
        #expect(Set(referrals.compactMap { $0.objectValue?["direction"]?.stringValue }) == ["Incoming", "Outgoing"])
        #expect(Set(referrals.compactMap { $0.objectValue?["type"]?.stringValue }) == ["Independent", "Shared"])
        let engagements = Dictionary(grouping: referrals, by: { $0.objectValue?["engagementId"]?.stringValue ?? "" })
        #expect(engagements.values.contains { $0.count > 1 }, "some engagements hold several referrals")
    }

    @Test func documentedExampleIsReadyForTheDesignCard() throws {
        let example = try #require(SandboxSeed.referrals(count: 0).first)
        #expect(ReferralDocument.id(of: example) == SandboxSeed.documentedId)
        #expect(ReferralDocument.status(of: example) == .active)
        #expect(example.lookup(try JSONPathParser.parse("details.dealValue")) == 25000)
        #expect(throws: Never.self) { try ReferralTransitions.check(from: .active, to: .closed, substatus: .won) }
    }
}

/// Skip tokens survive the round trip at every offset a list can reach.
@Suite struct SkipTokenTests {
    static let query = [(name: "$filter", value: "type eq 'Shared'"), (name: "$top", value: "250")]

    @Test func everyOffsetRoundTrips() throws {
        let broken = (0...100_000).filter { offset in
            (try? ReferralsAPI.decodeSkipToken(ReferralsAPI.encodeSkipToken(offset, query: Self.query), query: Self.query)) != offset
        }
        let count = broken.count
        #expect(count == 0, "broken offsets, the first: \(broken.prefix(5))")
    }

    @Test func forgedTokensAreRefused() {
        for token in ["", "s", "s1", "s1.0", "sxc.1", "x1.2", "s1.2.3", "s-1.0"] {
            #expect(throws: APIError.self) { try ReferralsAPI.decodeSkipToken(token, query: Self.query) }
        }
    }

    /// A token continues the query it was issued for: moved to another `$filter` it would give
    /// an empty or wrong page, so it is refused; the same items in another order are the same query.
    @Test func aTokenIsRefusedWithAnotherQuery() throws {
        let token = ReferralsAPI.encodeSkipToken(100, query: Self.query)
        let other = [(name: "$filter", value: "type eq 'Independent'"), (name: "$top", value: "250")]
        #expect(throws: APIError.self) { try ReferralsAPI.decodeSkipToken(token, query: other) }
        #expect(throws: APIError.self) { try ReferralsAPI.decodeSkipToken(token, query: [Self.query[0]]) }
        #expect(try ReferralsAPI.decodeSkipToken(token, query: Self.query.reversed() + [(name: "$skiptoken", value: token)]) == 100)
    }
}
