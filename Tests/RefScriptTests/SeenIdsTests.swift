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

    /// A parallel loop's iterations hand the ids they see to the loop, which writes those new to
    /// the store once; ids an iteration sees after a `connect` elsewhere go to that endpoint's
    /// file as they come, and those it saw before go to the loop's file then.
    @Test func iterationsHandTheirIdsToTheLoopAndKeepEachEndpointsApart() {
        let store = MemoryStore()
        store.kept["sandbox"] = ["old"]
        var session = OnlineSession(connector: nil, seenIdStore: store)
        session.recallSeenIds()

        var stays = session.forIteration()
        stays.noteSeen(referrals: [["id": "a"], ["id": "old"]])
        var nested = stays.forIteration()  // an inner loop's iteration
        nested.noteSeen(referrals: [["id": "n"]])
        stays.takeSeen(nested.seenInIteration)
        #expect(store.kept["sandbox"] == ["old"], "nothing written by iterations")

        var moves = session.forIteration()
        moves.noteSeen(referrals: [["id": "m"]])
        moves.connection.endpoint = .url("https://b.example")
        moves.noteSeen(referrals: [["id": "b1"]])
        moves.noteSeen(referrals: [["id": "b1"]])
        #expect(store.kept["sandbox"] == ["old", "m"], "the ids seen before the connect, to the loop's endpoint's file")
        #expect(store.kept["b.example"] == ["b1"])

        session.takeSeen(stays.seenInIteration)
        session.takeSeen(moves.seenInIteration)
        #expect(store.kept["sandbox"] == ["old", "m"], "batched until the loop ends")
        session.storeSeen()
        #expect(store.kept["sandbox"] == ["old", "m", "a", "n"])
        #expect(store.kept["b.example"] == ["b1"])
        #expect(session.seenIds == ["a", "old", "n"], "seen again: newest")
    }
}
