/// The service half of a parallel loop's iteration (docs/bulk.md).
extension OnlineSession {
    /// This session for one iteration: the same service (shared: dropping it does not close it),
    /// and the ids seen so far to read (short ids resolve), but those it sees kept apart, so that
    /// an iteration never copies the thousands a session may hold (which a bulk loop's profile
    /// showed as most of its time).
    func forIteration() -> OnlineSession {
        var copy = self
        copy.inheritedSeenIds = inheritedSeenIds + seenIds
        copy.seen.removeAll()
        copy.seenSummaries = [:]
        copy.sharesService = true
        copy.defersSeenTo = seenIdKey
        copy.unstoredSeen = []
        return copy
    }

    /// What an iteration saw at its loop's endpoint, for the loop: the ids it saw elsewhere (a
    /// `connect` inside the loop) went to the store as it saw them.
    var seenInIteration: SeenInIteration {
        guard defersSeen else { return SeenInIteration(ids: [], summaries: [:], endpoint: seenAt ?? seenIdKey) }
        return SeenInIteration(ids: seenIds, summaries: seenSummaries, endpoint: seenAt ?? seenIdKey)
    }

    /// Takes in what an iteration saw: the ids new to the session are written to the store in
    /// batches (one write per iteration showed in a bulk loop's profile); in an iteration of an
    /// outer loop, they go on to that loop with its own.
    mutating func takeSeen(_ seen: SeenInIteration) {
        guard !seen.ids.isEmpty else { return }
        recallSeenIds()  // the list is this endpoint's
        guard seen.endpoint == seenAt else {  // not possible for a loop's own iterations; kept whole
            seenIdStore?.add(seen.ids, endpoint: seen.endpoint)
            return
        }
        seenSummaries.merge(seen.summaries) { $1 }
        let new = note(seen.ids)
        if defersSeen { return }  // an iteration of an outer loop: its ids go up to that loop
        if defersSeenTo != nil {  // an iteration that moved to another endpoint: stored as they come
            seenIdStore?.add(new, endpoint: seen.endpoint)
            return
        }
        unstoredSeen += new
        if unstoredSeen.count >= 500 { storeSeen() }
    }

    /// Writes the ids taken in from iterations to the store (at the end of a loop, and as they
    /// pile up).
    mutating func storeSeen() {
        guard !unstoredSeen.isEmpty, let endpoint = seenAt else { return }
        seenIdStore?.add(unstoredSeen, endpoint: endpoint)
        unstoredSeen = []
    }
}

/// The ids one iteration of a parallel loop saw, for the session after the loop.
struct SeenInIteration: Sendable {
    var ids: [String]
    var summaries: [String: String]
    /// The endpoint they were seen at (``OnlineSession/seenIdKey``).
    var endpoint: String
}
