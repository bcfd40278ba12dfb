import Synchronization

/// The matches of the last list query, by id: its later pages (a `$skiptoken`) take their ids
/// from here while the store has not changed, instead of filtering and sorting every referral
/// again for each page (which made paging through a large store quadratic: minutes for 26,000
/// referrals). docs/sandbox.md says what a later page shows.
final class ListSnapshot: Sendable {
    /// What decides the matches and their order; `$top`, `$skip` and `$select` only cut or shape them.
    struct Query: Equatable {
        var caller: SandboxCaller
        var filter: String?
        var order: String?
    }

    private let last = Mutex<(query: Query, revision: Int, ids: [String])?>(nil)

    /// The ids `query` matched at `revision`, if they are the ones kept.
    func ids(for query: Query, revision: Int) -> [String]? {
        last.withLock { kept in
            guard let kept, kept.query == query, kept.revision == revision else { return nil }
            return kept.ids
        }
    }

    /// Keeps `ids` as what `query` matched at `revision`, in place of what was kept.
    func keep(_ ids: [String], for query: Query, revision: Int) {
        last.withLock { $0 = (query, revision, ids) }
    }
}
