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
        copy.storesSeen = false
        copy.unstoredSeen = []
        return copy
    }

    /// What an iteration saw: its ids and their summaries, and where.
    var seenInIteration: SeenInIteration {
        SeenInIteration(ids: seenIds + unstoredSeen, summaries: seenSummaries, endpoint: seenIdKey)
    }

    /// Takes in what an iteration saw: the ids new to the session are written to the store in
    /// batches (one write per iteration showed in a bulk loop's profile); ids seen at another
    /// endpoint (a `connect` inside the loop) go to its store at once.
    mutating func takeSeen(_ seen: SeenInIteration) {
        guard !seen.ids.isEmpty else { return }
        guard seen.endpoint == seenIdKey else {
            if storesSeen { seenIdStore?.add(seen.ids, endpoint: seen.endpoint) } else { unstoredSeen += seen.ids }
            return
        }
        seenSummaries.merge(seen.summaries) { $1 }
        let new = note(seen.ids)
        guard storesSeen else { return }  // an iteration: its loop takes them from its own ids
        unstoredSeen += new
        if unstoredSeen.count >= 500 { storeSeen() }
    }

    /// Writes the ids taken in from iterations to the store (at the end of a loop, and as they
    /// pile up); an iteration keeps them for its loop.
    mutating func storeSeen() {
        guard storesSeen, !unstoredSeen.isEmpty else { return }
        seenIdStore?.add(unstoredSeen, endpoint: seenIdKey)
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
