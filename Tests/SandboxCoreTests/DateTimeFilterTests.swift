import ReferralKit
import Testing

@testable import SandboxCore

/// `$filter` compares date-times as the instants they name: the fraction of a second, the
/// precision a client writes and an offset do not change which referrals match.
@Suite struct DateTimeFilterTests {
    let referral: JSONValue = ["createdDateTime": "2026-12-06T12:53:37.5748119Z", "name": "2026-12-06T12:53:37Z is not a date here"]

    func matches(_ filter: String) throws -> Bool {
        try ODataFilterParser.parse(filter).matches(referral)
    }

    @Test(arguments: [
        ("createdDateTime gt 2026-12-06T12:53:37Z", true),
        ("createdDateTime lt 2026-12-06T12:53:37Z", false),
        ("createdDateTime lt 2026-12-06T12:53:38Z", true),
        ("createdDateTime eq 2026-12-06T12:53:37.5748119Z", true),
        ("createdDateTime eq 2026-12-06T12:53:37.57481190Z", true),
        ("createdDateTime eq 2026-12-06T14:53:37.5748119+02:00", true),
        ("createdDateTime gt 2026-12-06T14:53:00+02:00", true),
        ("createdDateTime gt 2026-12-06T12:54:00-00:30", false),
        ("createdDateTime ge 2026-12-06T12:53:37.5748119Z", true),
        ("createdDateTime ne 2026-12-06T12:53:37.574812Z", true),
        ("createdDateTime eq 2026-12-06T12:53Z", false),
        ("createdDateTime gt 2026-12-06T12:53Z", true),
    ])
    func dateTimesCompareAsInstants(filter: String, expected: Bool) throws {
        #expect(try matches(filter) == expected, "\(filter)")
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T12:53:37", "2026-12-06T12:53:37+2:00", "2026-12-06"])
    func textThatIsNotADateTimeIsNotOne(text: String) {
        #expect(DateTimeFormat.ticks(text) == nil)
    }

    @Test func anInstantIsTheSameHoweverItIsWritten() {
        let utc = DateTimeFormat.ticks("2024-01-01T00:00:00Z")
        #expect(utc != nil)
        #expect(DateTimeFormat.ticks("2024-01-01T00:00:00.0000000Z") == utc)
        #expect(DateTimeFormat.ticks("2024-01-01T01:00:00+01:00") == utc)
        #expect(DateTimeFormat.ticks("2023-12-31T23:00:00-01:00") == utc)
        #expect(DateTimeFormat.ticks("2024-01-01T00:00:00.0000001Z") == utc.map { $0 + 1 })
    }
}
