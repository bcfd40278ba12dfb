/// Referral ids seen, newest last, keeping the newest ``limit``: noting an id, new or seen
/// before, costs O(1) amortized, however many are kept (a bulk loop notes one per referral
/// against thousands; a scan per note was 7% of its time).
///
/// Ids are kept in a log in the order noted; an id noted again moves to the newest end by a new
/// entry, its old one left behind as stale. Stale entries and those trimmed off the oldest end
/// are swept out when they outnumber the live ones, so the log stays within about twice
/// ``limit``.
struct SeenIdList: Sendable {
    /// The most ids kept.
    let limit: Int
    /// Ids in the order noted; entries before ``start`` are gone, and an entry is live only where
    /// ``position`` points at it.
    private var log: [String] = []
    private var start = 0
    /// Each live id's entry in ``log``.
    private var position: [String: Int] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// How many ids are kept.
    var count: Int { position.count }

    /// The ids kept, oldest first.
    var ids: [String] {
        var result: [String] = []
        result.reserveCapacity(position.count)
        for index in start..<log.count where position[log[index]] == index { result.append(log[index]) }
        return result
    }

    func contains(_ id: String) -> Bool { position[id] != nil }

    /// Puts `id` at the newest end; `true` when it was not kept before.
    @discardableResult
    mutating func note(_ id: String) -> Bool {
        let isNew = position.updateValue(log.count, forKey: id) == nil
        log.append(id)
        trim()
        return isNew
    }

    /// Puts `earlier` (oldest first) at the oldest end, but those kept already; returns those
    /// added.
    mutating func prepend(_ earlier: [String]) -> [String] {
        var added: [String] = []
        var seen: Set<String> = []
        for id in earlier where position[id] == nil && seen.insert(id).inserted { added.append(id) }
        guard !added.isEmpty else { return [] }
        rebuild(from: added + ids)
        trim()
        return added
    }

    /// Forgets every id.
    mutating func removeAll() {
        log = []
        start = 0
        position = [:]
    }

    /// Drops the oldest ids beyond ``limit``, and sweeps the log when most of it is dead.
    private mutating func trim() {
        while position.count > limit, start < log.count {
            if position[log[start]] == start { position[log[start]] = nil }
            start += 1
        }
        if log.count - position.count > max(position.count, 64) { rebuild(from: ids) }
    }

    private mutating func rebuild(from live: [String]) {
        log = live
        start = 0
        position = Dictionary(minimumCapacity: live.count)
        for (index, id) in live.enumerated() { position[id] = index }
    }
}
