import Foundation
import ReferralKit
import SandboxCore
import Testing

/// Writes as production takes them from clients other than refsh: dates written another way,
/// repeated `If-Match` lines, enum values and ops in another case, an unknown status.
@Suite struct WriteFidelityTests {
    /// The referral as a PUT sends it back (``PutTests/current(_:_:)``).
    func current(_ sandbox: TestSandbox, _ id: String = "r0") async -> JSONObject {
        await PutTests().current(sandbox, id)
    }

    /// A typed client writes a read-only date back as its library prints it (`+00:00`, `.000Z`):
    /// the same instant is not a change, as the service compares `DateTimeOffset` values.
    @Test func putTakesAReadOnlyDateWrittenAnotherWay() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            var body = await current(sandbox)
            body.removeValue(forKey: "links")
            let created = try #require(body["createdDateTime"]?.stringValue)
            let ticks = try #require(DateTimeFormat.ticks(created))
            // The same instant, one hour east: 2 hours ahead on the clock, +02:00.
            let seconds = ticks / 10_000_000 + 7200
            let days = Int(seconds / 86_400)
            let (y, m, d) = Self.civil(days)
            let rest = Int(seconds % 86_400)
            let fraction = String(format: "%07d", Int(ticks % 10_000_000))
            body["createdDateTime"] = .string(
                String(format: "%04d-%02d-%02dT%02d:%02d:%02d.", y, m, d, rest / 3600, rest / 60 % 60, rest % 60) + fraction + "+02:00")
            let ok = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: JSONPrinter.compact.print(.object(body)))
            #expect(ok.status == 200, "\(body["createdDateTime"] ?? .null): \(ok.errorDescription ?? "")")
            #expect(ok.json?.objectValue?["createdDateTime"]?.stringValue == created, "the stored value stays as it was")
        }
    }

    /// Two `If-Match` lines are one list (RFC 9110 §5.3), and a list does not match: a stale
    /// eTag a proxy added is not passed over because the current one came first.
    @Test func twoIfMatchLinesAreOneListThatDoesNotMatch() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            let patch = #"[{"op": "replace", "path": "/statusReason", "value": "x"}]"#
            for lines in [[#""etag-0""#, #""stale""#], [#""stale""#, #""etag-0""#]] {
                let headers = lines.map { ("If-Match", $0) }
                let refused = await sandbox.send("PATCH", "/r0", headers: headers, body: patch)
                #expect(refused.status == 412, "\(lines)")
            }
            #expect(await sandbox.send("PATCH", "/r0", headers: [("If-Match", #""etag-0""#)], body: patch).status == 204)
        }
    }

    /// Enum values and a patch's `op` in another case are read as .NET reads them, and stored
    /// as the schema spells them.
    @Test func enumValuesAndOpsInAnotherCaseAreTakenAndStoredCanonically() async throws {
        try await TestSandbox.eachTransport { sandbox in
            let created = await sandbox.send(
                "POST", body: TestSandbox.createBody().replacingOccurrences(of: "\"Independent\"", with: "\"independent\""))
            #expect(created.status == 200, "\(created.errorDescription ?? "")")
            #expect(created.json?.objectValue?["type"] == "Independent")
            let id = try #require(created.json?.objectValue?["id"]?.stringValue)
            let eTag = try #require(created.json?.objectValue?["eTag"]?.stringValue)
            let patch = #"[{"op": "Replace", "path": "/status", "value": "closed"}, {"op": "REPLACE", "path": "/substatus", "value": "won"}]"#
            let patched = await sandbox.send("PATCH", "/" + id, headers: [("If-Match", eTag)], body: patch)
            #expect(patched.status == 204, "\(patched.errorDescription ?? "")")
            let stored = await sandbox.send("GET", "/" + id).json?.objectValue
            #expect(stored?["status"] == "Closed" && stored?["substatus"] == "Won")
        }
    }

    /// An unknown status is a bad value (`InvalidInput`), not a refused move (`InvalidTransition`).
    @Test func anUnknownStatusInAPutIsABadValue() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(1)
            var body = await current(sandbox)
            body.removeValue(forKey: "links")
            body["status"] = "Bogus"
            let refused = await sandbox.send("PUT", "/r0", headers: [("If-Match", "\"etag-0\"")], body: JSONPrinter.compact.print(.object(body)))
            #expect(refused.status == 400)
            #expect(refused.json?.objectValue?["error"]?.objectValue?["innerError"]?.objectValue?["code"] == "InvalidInput")
        }
    }

    /// Year, month and day of a count of days since 1970-01-01 (the test's own arithmetic).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        var (year, month, day) = (1970, 1, 1 + days)
        func length(_ m: Int, _ y: Int) -> Int {
            m == 2 ? (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
        }
        while day > length(month, year) {
            day -= length(month, year)
            (month, year) = month == 12 ? (1, year + 1) : (month + 1, year)
        }
        return (year, month, day)
    }
}
