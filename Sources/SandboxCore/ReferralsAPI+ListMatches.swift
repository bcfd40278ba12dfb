import ReferralKit

extension ReferralsAPI {
    /// A list's page, and its window in the matches: from the matches the first page kept when
    /// this is a later page and they still hold (``ListSnapshot``), else from a scan of every
    /// referral, whose matches are kept for the next pages.
    func matches(
        _ query: ListSnapshot.Query, filter: ODataFilter?, order: [(path: JSONPath, descending: Bool)], now: String, continuing: Bool,
        window: (Int) -> ListWindow
    ) async throws -> (window: ListWindow, page: [JSONValue]) {
        let revision = try await store.revision()
        let seconds = SandboxTime.seconds(now) ?? 0
        if continuing, let ids = listSnapshot.ids(for: query, revision: revision, now: seconds) {
            let kept = window(ids.count)
            if let page = try await keptPage(ids[kept.page], query: query, filter: filter, now: now) { return (kept, page) }
        }
        let stored = try await store.all()
        var matches = stored.compactMap { shown($0, to: query.caller, filter: filter, now: now) }
        if !order.isEmpty { matches = Self.stableSorted(matches, by: order) }
        // Until the next New lead expires (which may move it in or out of the filter, or in a sort
        // by date), these matches hold while nothing is written.
        let until = stored.compactMap { ProductionShape.expiry(of: $0, since: startedAt) }.filter { $0 > seconds }.min() ?? .infinity
        listSnapshot.keep(
            ListSnapshot.Kept(
                query: query, revision: revision, from: seconds, until: until, ids: matches.map { ReferralDocument.id(of: $0) ?? "" }))
        let scanned = window(matches.count)
        return (scanned, Array(matches[scanned.page]))
    }

    /// The kept ids' referrals as they are now, or `nil` when one is gone, no longer the caller's
    /// or no longer matching: changed by another process sharing the store after the revision
    /// was read (each is read on its own); then the page comes from a scan, as a first page does.
    private func keptPage(_ ids: ArraySlice<String>, query: ListSnapshot.Query, filter: ODataFilter?, now: String) async throws -> [JSONValue]? {
        var page: [JSONValue] = []
        for id in ids {
            guard let stored = try await store.referral(id: id), let referral = shown(stored, to: query.caller, filter: filter, now: now)
            else { return nil }
            page.append(referral)
        }
        return page
    }

    /// `stored` as a list shows it now, or `nil` when the list leaves it out: a Referral User's
    /// list holds only the referrals whose team lists them, and only those matching the filter.
    private func shown(_ stored: JSONValue, to caller: SandboxCaller, filter: ODataFilter?, now: String) -> JSONValue? {
        guard caller.mayAccess(stored) else { return nil }
        let referral = current(stored, now: now)
        // Not `matches ? referral : nil`: JSONValue takes `nil` as its own `null`.
        guard filter?.matches(referral) ?? true else { return nil }
        return referral
    }
}
