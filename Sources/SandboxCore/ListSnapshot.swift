import Synchronization

/// The matches of the last list query, by id: its later pages (a `$skiptoken`) take their ids
/// from here while they still hold, instead of filtering and sorting every referral again for
/// each page (which made paging through a large store quadratic: minutes for 26,000 referrals).
/// They hold while the store's revision stands and the clock is between the scan and the first
/// moment a New lead of the store expires (which could move one in or out of a filter, or in an
/// order by date). docs/sandbox.md says what a later page shows.
final class ListSnapshot: Sendable {
    /// What decides the matches and their order; `$top`, `$skip` and `$select` only cut or shape them.
    struct Query: Equatable {
        var caller: SandboxCaller
        var filter: String?
        var order: String?
    }

    /// The ids a scan matched, and when they hold (seconds of the sandbox's clock).
    struct Kept {
        var query: Query
        var revision: Int
        var from: Double
        var until: Double
        var ids: [String]
    }

    private let last = Mutex<Kept?>(nil)

    /// The ids `query` matched, if they are the ones kept and still hold at `revision` and `now`.
    func ids(for query: Query, revision: Int, now: Double) -> [String]? {
        last.withLock { kept in
            guard let kept, kept.query == query, kept.revision == revision, kept.from <= now, now < kept.until else { return nil }
            return kept.ids
        }
    }

    /// Keeps what a scan matched, in place of what was kept.
    func keep(_ kept: Kept) {
        last.withLock { $0 = kept }
    }
}
