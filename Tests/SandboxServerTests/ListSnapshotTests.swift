import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Synchronization
import Testing

/// A list's later pages take the first page's matches while the store has not changed (one scan
/// of the store for the whole list, not one per page), and a change in between is seen.
@Suite struct ListSnapshotTests {
    /// A memory store that counts how often every referral is read.
    actor CountingStore: ReferralStore {
        let inner = MemoryReferralStore()
        private(set) var scans = 0
        /// A revision that stays put, as when another process writes after it was read.
        var frozenRevision: Int?
        func freeze() async { frozenRevision = await inner.revision() }
        func referral(id: String) async -> JSONValue? { await inner.referral(id: id) }
        func all() async -> [JSONValue] {
            scans += 1
            return await inner.all()
        }
        func revision() async -> Int {
            if let frozenRevision { return frozenRevision }
            return await inner.revision()
        }
        func insert(_ referral: JSONValue, id: String) async { await inner.insert(referral, id: id) }
        func update(id: String, _ body: @Sendable (JSONValue) throws(APIError) -> JSONValue) async throws -> JSONValue {
            try await inner.update(id: id, body)
        }
        func count() async -> Int { await inner.count() }
        func removeAll() async { await inner.removeAll() }
    }

    /// A clock a test moves on.
    final class MovableClock: SandboxClock {
        let seconds = Mutex(SandboxTime.seconds("2024-01-01T00:00:00Z") ?? 0)
        func now() -> String { SandboxTime.text(seconds.withLock { $0 }) }
        func advance(days: Double) { seconds.withLock { $0 += days * 86_400 } }
    }

    /// 450 referrals r0… with status New, Active and Closed in turn, created when the clock starts.
    func sandbox(clock: MovableClock = MovableClock()) async -> (api: ReferralsAPI, store: CountingStore) {
        let store = CountingStore()
        for i in 0..<450 {
            let status = ["New", "Active", "Closed"][i % 3]
            await store.insert(
                ["id": .string("r\(i)"), "status": .string(status), "createdDateTime": .string(clock.now()), "eTag": "\"1\""], id: "r\(i)")
        }
        return (ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://sandbox"), clock: clock), store)
    }

    /// Every page of `GET referrals?$filter=…`, following each nextLink as a client does.
    func pages(_ api: ReferralsAPI, filter: String, between: (Int) async throws -> Void = { _ in }) async throws -> [JSONObject] {
        var query = [("$filter", filter)]
        var pages: [JSONObject] = []
        while true {
            let response = await api.handle(
                SandboxRequest(method: "GET", path: ReferralsRoutes.collectionPath, query: query, headers: [("Authorization", "Bearer t")]))
            let page = try #require(response.json?.objectValue, "\(response.status)")
            pages.append(page)
            guard let next = page["@odata.nextLink"]?.stringValue, let link = URLComponents(string: next) else { return pages }
            query = (link.queryItems ?? []).map { ($0.name, $0.value ?? "") }
            try await between(pages.count)
        }
    }

    func ids(_ pages: [JSONObject]) -> [String] {
        pages.flatMap { $0["value"]?.arrayValue ?? [] }.compactMap(ReferralDocument.id)
    }

    @Test func laterPagesReuseTheFirstPagesMatches() async throws {
        let (api, store) = await sandbox()
        let pages = try await pages(api, filter: "status ne 'Closed'")
        #expect(pages.count == 3)
        #expect(ids(pages) == (0..<450).filter { $0 % 3 != 2 }.map { "r\($0)" })
        #expect(pages.allSatisfy { $0["@odata.count"] == 300 })
        #expect(await store.scans == 1, "one scan of the store for the whole list")
    }

    @Test func aChangeBetweenPagesIsSeenByTheNextPage() async throws {
        let (api, store) = await sandbox()
        let pages = try await pages(api, filter: "status eq 'New'") { page in
            guard page == 1 else { return }
            // r447 (New, on the last page) is closed after the first page was read.
            _ = try await store.update(id: "r447") { referral in
                var closed = referral
                try? closed.set("Closed", at: JSONPath([.key("status")]))
                return closed
            }
        }
        #expect(pages.map { $0["@odata.count"] } == [150, 149])
        #expect(ids(pages) == (0..<447).filter { $0 % 3 == 0 }.map { "r\($0)" })
        #expect(await store.scans == 2, "the change made the second page scan again")
    }

    @Test func leadsExpiringBetweenPagesMakeTheNextPageScanAgain() async throws {
        let clock = MovableClock()
        let (api, store) = await sandbox(clock: clock)
        let pages = try await pages(api, filter: "status eq 'New'") { page in
            if page == 1 { clock.advance(days: 15) }  // every New lead has expired
        }
        #expect(pages.map { $0["@odata.count"] } == [150, 0])
        #expect(ids(pages) == (0..<300).filter { $0 % 3 == 0 }.prefix(100).map { "r\($0)" })
        #expect(await store.scans == 2)
    }

    @Test func aReferralChangedWithoutTheRevisionSeenIsNotShownAsMatching() async throws {
        let (api, store) = await sandbox()
        let pages = try await pages(api, filter: "status eq 'New'") { page in
            guard page == 1 else { return }
            await store.freeze()  // another process's write, after this page read the revision
            _ = try await store.inner.update(id: "r303") { referral in
                var closed = referral
                try? closed.set("Closed", at: JSONPath([.key("status")]))
                return closed
            }
        }
        #expect(!ids(pages).contains("r303"), "r303 (page 2) is Closed now: the page was made from a scan")
        #expect(await store.scans == 2)
    }

    /// A skip token moved to another filter is refused (it continues the query it was issued
    /// for), and takes nothing of the kept list: no page of the Closed list is shown as New.
    @Test func aTokenMovedToAnotherFilterIsRefusedAndTakesNoKeptList() async throws {
        let (api, store) = await sandbox()
        let closed = try await pages(api, filter: "status eq 'Closed'")
        var query = [("$filter", "status eq 'New'")]
        let link = try #require(closed[0]["@odata.nextLink"]?.stringValue.flatMap(URLComponents.init(string:)))
        query += (link.queryItems ?? []).filter { $0.name == "$skiptoken" }.map { ($0.name, $0.value ?? "") }
        let response = await api.handle(
            SandboxRequest(method: "GET", path: ReferralsRoutes.collectionPath, query: query, headers: [("Authorization", "Bearer t")]))
        #expect(response.status == 400)
        #expect(response.json?.objectValue?["value"] == nil)
        #expect(await store.scans == 1, "one scan for the Closed list, none for the refused page")
    }
}
