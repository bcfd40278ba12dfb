import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import SandboxServer
import Testing

@Suite struct SQLiteStoreTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "refsh-store-" + UUID().uuidString + "/sandbox.sqlite"
    }

    @Test func referralsSurviveReopeningTheFileInOrderAndByteForByte() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let referral = try JSONParser.parse(#"{"id":"x","zeta":1,"alpha":{"b":2.50,"a":"é"},"eTag":"\"1\""}"#)
        do {
            let store = try SQLiteReferralStore(path: path)
            #expect(try await SandboxSeed.fill(store, count: 5) == 6)
            try await store.insert(referral, id: "x")
        }
        let reopened = try SQLiteReferralStore(path: path)
        #expect(try await reopened.count() == 7)
        #expect(try await SandboxSeed.fill(reopened, count: 5) == 7, "a store that has data is not seeded again")
        let back = try #require(try await reopened.referral(id: "x"))
        #expect(back.isIdentical(to: referral))
        let ids = try await reopened.all().compactMap(ReferralDocument.id)
        #expect(ids.first == SandboxSeed.documentedId)
        #expect(ids.last == "x")
    }

    @Test func fiftyConcurrentPutsOnTheFileStoreHaveOneWinner() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try SQLiteReferralStore(path: path)
        try await SandboxSeed.fill(store, count: 0)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://x"))
        let current = try #require(try await store.referral(id: SandboxSeed.documentedId))
        let body = Array(JSONPrinter.compact.print(current).utf8)
        let eTag = ReferralDocument.eTag(of: current) ?? ""
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await api.handle(
                        SandboxRequest(
                            method: "PUT", path: ReferralsRoutes.collectionPath + "/" + SandboxSeed.documentedId,
                            headers: [("Authorization", "Bearer t"), ("Content-Type", "application/json"), ("If-Match", eTag)], body: body)
                    ).status
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 412 }.count == 49)
    }

    @Test func aFailedUpdateLeavesTheFileUnchanged() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try SQLiteReferralStore(path: path)
        try await SandboxSeed.fill(store, count: 0)
        let before = try #require(try await store.referral(id: SandboxSeed.documentedId))
        await #expect(throws: APIError.self) {
            _ = try await store.update(id: SandboxSeed.documentedId) { (_) throws(APIError) -> JSONValue in
                throw APIError(412, "PreconditionFailed", "stale")
            }
        }
        #expect(try await store.referral(id: SandboxSeed.documentedId) == before)
    }
}

/// The SQLite store's revision: every change bumps it, whichever process (store) made it.
@Suite struct SQLiteRevisionTests {
    @Test func everyChangeByAnyStoreOnTheFileBumpsTheRevision() async throws {
        let path = NSTemporaryDirectory() + "refsh-store-" + UUID().uuidString + "/sandbox.sqlite"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let (one, other) = (try SQLiteReferralStore(path: path), try SQLiteReferralStore(path: path))
        var seen = [try await one.revision()]
        func bumped() async throws -> Bool {
            let now = try await other.revision()
            defer { seen.append(now) }
            return now != seen.last
        }
        try await one.insert(["id": "a", "n": 1], id: "a")
        #expect(try await bumped(), "insert")
        _ = try await one.update(id: "a") { _ in ["id": "a", "n": 2] }
        #expect(try await bumped(), "update")
        #expect(try await !bumped(), "a read changes nothing")
        try await one.removeAll()
        #expect(try await bumped(), "removeAll")
        try await SandboxSeed.fill(one, count: 3)
        #expect(try await bumped(), "seed")
    }
}
