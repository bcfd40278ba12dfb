import ReferralKit
import Testing

@testable import SandboxCore

/// The sandbox's times: read and written as the API writes them, shifts in words.
@Suite struct SandboxTimeTests {
    @Test(arguments: ["1970-01-01T00:00:00.0000000Z", "2024-02-29T23:59:59.5000000Z", "2026-12-02T15:54:14.0000000Z", "2100-03-01T00:00:00.0000000Z"])
    func timesRoundTrip(text: String) throws {
        let seconds = try #require(SandboxTime.seconds(text))
        #expect(SandboxTime.text(seconds) == text)
    }

    @Test func knownInstantsAndShifts() {
        #expect(SandboxTime.seconds("2018-11-14T00:00:00Z") == 1_542_153_600.0)
        #expect(SandboxTime.seconds("2018-13-14T00:00:00Z") == nil)
        #expect(SandboxTime.seconds("not a time") == nil)
        #expect(SandboxTime.shift("+15d") == 1_296_000.0)
        #expect(SandboxTime.shift("-2h") == -7200.0)
        #expect(SandboxTime.shift("30m") == 1800.0)
        #expect(SandboxTime.shift("15") == nil)
    }

    @Test func aNewReferralExpiresFourteenDaysAfterItStarts() {
        let referral: JSONValue = ["status": "New", "substatus": "Pending", "createdDateTime": "2026-01-01T00:00:00.0000000Z"]
        let since = "2025-01-01T00:00:00.0000000Z"
        // Still New, it says when it will expire.
        let open = expiring(referral, now: "2026-01-14T23:59:59.0000000Z", since: since).objectValue
        #expect(open?["status"] == "New")
        #expect(open?["expirationDateTime"] == "2026-01-15T00:00:00.0000000Z")
        let expired = expiring(referral, now: "2026-01-15T00:00:00.0000000Z", since: since).objectValue
        #expect(expired?["status"] == "Closed")
        #expect(expired?["substatus"] == "Expired")
        #expect(expired?["closedDateTime"] == "2026-01-15T00:00:00.0000000Z")
        // Created before the sandbox started: the days count from its start.
        let old = expiring(referral, now: "2026-02-01T00:00:00.0000000Z", since: "2026-01-20T00:00:00.0000000Z").objectValue
        #expect(old?["status"] == "New")
        #expect(old?["expirationDateTime"] == "2026-02-03T00:00:00.0000000Z")
    }

    /// An `expirationDateTime` a client wrote (no earlier than the sandbox's start) is when it
    /// expires; one from before the start (the seed's 2024 dates) gives way to the 14 days.
    @Test func aNewReferralExpiresAtItsExpirationDateTime() {
        var referral: JSONValue = ["status": "New", "createdDateTime": "2026-01-01T00:00:00.0000000Z"]
        try? referral.set("2026-01-03T12:00:00Z", at: JSONPath([.key("expirationDateTime")]))
        let since = "2025-06-01T00:00:00.0000000Z"
        #expect(expiring(referral, now: "2026-01-03T11:59:59.0000000Z", since: since).objectValue?["status"] == "New")
        let expired = expiring(referral, now: "2026-01-03T12:00:00.0000000Z", since: since).objectValue
        #expect(expired?["substatus"] == "Expired")
        #expect(expired?["closedDateTime"] == "2026-01-03T12:00:00.0000000Z")
        try? referral.set("2024-03-15T00:00:00Z", at: JSONPath([.key("expirationDateTime")]))
        let seeded = expiring(referral, now: "2026-01-03T12:00:00.0000000Z", since: since).objectValue
        #expect(seeded?["status"] == "New")
        #expect(seeded?["expirationDateTime"] == "2026-01-15T00:00:00.0000000Z")
    }

    /// A written moment is answered as written (seven fractional digits survive), and a write
    /// that kept the moment the sandbox computed does not make it the referral's own.
    @Test func aWrittenExpiryStaysAsWrittenAndAComputedOneIsNotStored() {
        var referral: JSONValue = ["status": "New", "createdDateTime": "2026-01-01T00:00:00.0000000Z"]
        try? referral.set("2026-01-03T12:00:00.1234567Z", at: JSONPath([.key("expirationDateTime")]))
        let since = "2025-06-01T00:00:00.0000000Z"
        let shown = expiring(referral, now: "2026-01-02T00:00:00.0000000Z", since: since).objectValue
        #expect(shown?["expirationDateTime"] == "2026-01-03T12:00:00.1234567Z")
        let seeded: JSONValue = ["status": "New", "createdDateTime": "2024-01-01T00:00:00Z", "expirationDateTime": "2024-01-15T00:00:00Z"]
        let current = expiring(seeded, now: "2026-01-02T00:00:00.0000000Z", since: since)
        #expect(current.objectValue?["expirationDateTime"] == "2025-06-15T00:00:00.0000000Z")
        var written = current
        try? written.set("changed", at: JSONPath([.key("statusReason")]))
        let kept = ProductionShape.keepingStoredExpiration(written, current: current, stored: seeded)
        #expect(kept.objectValue?["expirationDateTime"] == "2024-01-15T00:00:00Z", "the stored value, not the computed one")
        try? written.set("2026-02-01T00:00:00Z", at: JSONPath([.key("expirationDateTime")]))
        let changed = ProductionShape.keepingStoredExpiration(written, current: current, stored: seeded)
        #expect(changed.objectValue?["expirationDateTime"] == "2026-02-01T00:00:00Z", "a client's own change is kept")
    }

    /// ``ProductionShape/expired(_:now:since:)`` with times written as the API writes them.
    func expiring(_ referral: JSONValue, now: String, since: String) -> JSONValue {
        ProductionShape.expired(referral, now: SandboxTime.seconds(now) ?? 0, since: SandboxTime.seconds(since) ?? 0)
    }
}
