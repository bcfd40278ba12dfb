import ReferralKit
import Testing

@testable import RefScript

/// `SeenIdList` (a log with a position per id, swept now and then) against the plain list it
/// replaced: the same ids in the same order, and the same answers, after every step of long
/// random runs over a small pool of ids, so that ids are seen again, trimmed and swept often.
@Suite struct SeenIdListTests {
    /// The obvious list: newest last, an id seen again moves to the end, the oldest go first.
    struct Reference {
        let limit: Int
        var ids: [String] = []

        mutating func note(_ id: String) -> Bool {
            let isNew = !ids.contains(id)
            ids.removeAll { $0 == id }
            ids.append(id)
            if ids.count > limit { ids.removeFirst(ids.count - limit) }
            return isNew
        }

        mutating func prepend(_ earlier: [String]) -> [String] {
            var added: [String] = []
            for id in earlier where !ids.contains(id) && !added.contains(id) { added.append(id) }
            ids = added + ids
            if ids.count > limit { ids.removeFirst(ids.count - limit) }
            return added
        }
    }

    @Test(arguments: [1, 3, 7, 100])
    func agreesWithThePlainList(limit: Int) {
        var rng = SplitMix64(seed: UInt64(limit) &* 0x9E37_79B9)
        var list = SeenIdList(limit: limit)
        var reference = Reference(limit: limit)
        let pool = (0..<(limit * 2 + 3)).map { "id-\($0)" }
        for step in 0..<20_000 {
            let roll = rng.next() % 100
            if roll < 90 {
                let id = pool[Int(rng.next() % UInt64(pool.count))]
                #expect(list.note(id) == reference.note(id), "step \(step): note \(id)")
            } else if roll < 99 {
                let earlier = (0..<Int(rng.next() % 5)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
                #expect(list.prepend(earlier) == reference.prepend(earlier), "step \(step): prepend \(earlier)")
            } else {
                list.removeAll()
                reference.ids = []
            }
            guard list.ids == reference.ids, list.count == reference.ids.count else {
                Issue.record("step \(step): \(list.ids) vs \(reference.ids)")
                return
            }
            for id in pool.prefix(3) { #expect(list.contains(id) == reference.ids.contains(id)) }
        }
    }
}
