/// Where a page falls in a list's matches: `$skip` and `$top` cut a window out of them, the
/// `$skiptoken`'s offset and the page size a page out of the window. Every sum saturates, so no
/// query can trap.
struct ListWindow {
    /// How many referrals match (`@odata.count`).
    let count: Int
    /// The window's bounds in the matches.
    let start: Int
    let end: Int
    /// The page's positions in the matches.
    let page: Range<Int>

    init(count: Int, skip: Int, top: Int?, offset: Int, pageSize: Int) {
        let start = min(skip, count)
        let end = top.map { min(count, ReferralsAPI.sum(start, $0)) } ?? count
        let pageStart = min(ReferralsAPI.sum(start, offset), end)
        self.count = count
        self.start = start
        self.end = end
        page = pageStart..<min(end, ReferralsAPI.sum(pageStart, pageSize))
    }
}
