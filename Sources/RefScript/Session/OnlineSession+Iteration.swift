/// The service half of a parallel loop's iteration (docs/bulk.md).
extension OnlineSession {
    /// This session for one iteration: the same service (shared: dropping it does not close it),
    /// and the ids seen so far to read (short ids resolve), but those it sees kept apart, so that
    /// an iteration never copies the thousands a session may hold (which a bulk loop's profile
    /// showed as most of its time).
    func forIteration() -> OnlineSession {
        var copy = self
        copy.inheritedSeenIds = inheritedSeenIds + seenIds
        copy.seenIds = []
        copy.seenIndex = []
        copy.seenSummaries = [:]
        copy.sharesService = true
        return copy
    }

    /// What an iteration saw: its ids and their summaries.
    var seenInIteration: SeenInIteration { SeenInIteration(ids: seenIds, summaries: seenSummaries) }

    /// Takes in what an iteration saw (its ids are in the seen-id store already).
    mutating func takeSeen(_ seen: SeenInIteration) {
        guard !seen.ids.isEmpty else { return }
        seenSummaries.merge(seen.summaries) { $1 }
        note(seen.ids)
    }
}

/// The ids one iteration of a parallel loop saw, for the session after the loop.
struct SeenInIteration: Sendable {
    var ids: [String]
    var summaries: [String: String]
}
