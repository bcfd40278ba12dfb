import ReferralKit
import Testing

@testable import RefScript

/// Short ids: the ids seen at the current endpoint, matched without regard to case; a whole id
/// passes as it is, even without its dashes.
@Suite struct SeenIdsTests {
    static let id = "49d90c72-3326-4f61-aacc-2cb57970448c"

    /// Keeps what it is given, per endpoint.
    final class MemoryStore: SeenIdStore, @unchecked Sendable {
        var kept: [String: [String]] = [:]
        func ids(endpoint: String) -> [String] { kept[endpoint] ?? [] }
        func add(_ ids: [String], endpoint: String) { kept[endpoint, default: []] += ids }
    }

    @Test func aShortIdResolvesWhateverItsCaseAndOnlyAtItsEndpoint() throws {
        let store = MemoryStore()
        var online = OnlineSession(connector: nil, seenIdStore: store)
        online.noteSeen(referrals: [["id": .string(Self.id), "status": "Active"]])
        #expect(store.kept["sandbox"] == [Self.id])
        #expect(try online.resolveId("49D90C72") == Self.id)
        #expect(try online.resolveId("49d90c7233264f61aacc2cb57970448c") == "49d90c7233264f61aacc2cb57970448c")

        online.connection.endpoint = .url("https://api.partner.microsoft.com")
        #expect(throws: RefScriptError.self) { try online.resolveId("49d90c72") }

        // A later session at the sandbox finds it in the store.
        var later = OnlineSession(connector: nil, seenIdStore: store)
        #expect(try later.resolveId("49d90c72") == Self.id)
    }
}
