/// Re-applies local edits on top of a newer server copy (what `rebase` does).
///
/// Local changes are the diff from `base` to `mine`; the server's are the diff from `base` to
/// `theirs`. Each local change is applied to `theirs` unless the server changed the same place
/// (the same path, or one inside the other) to something else: that is a clash. Elements both
/// sides appended to an array are all kept, the server's first. A clash keeps
/// the local value in the result and is reported, so nothing typed is lost and the user decides.
public enum ThreeWayMerge {
    /// A place both sides changed differently.
    public struct Clash: Sendable, Equatable, CustomStringConvertible {
        public var path: JSONPath
        /// The local value (`nil`: removed locally).
        public var mine: JSONValue?
        /// The server's value (`nil`: absent on the server).
        public var theirs: JSONValue?
        public var description: String {
            let show = { (value: JSONValue?) in value.map { JSONPrinter.compact.print($0) } ?? "(absent)" }
            return "\(path): yours \(show(mine)), server \(show(theirs))"
        }
    }

    /// The merged referral and the clashes, in the order of the local changes.
    public struct Result: Sendable, Equatable {
        public var merged: JSONValue
        public var clashes: [Clash]
        /// Local changes applied without a clash.
        public var applied: Int
    }

    public static func merge(base: JSONValue, mine: JSONValue, theirs: JSONValue) -> Result {
        let local = JSONDiff.changes(from: base, to: mine)
        let remote = JSONDiff.changes(from: base, to: theirs)
        var merged = theirs
        var clashes: [Clash] = []
        var applied = 0
        for change in local {
            let moved = remote.contains { shifts($0, change) || shifts(change, $0) }
            var overlapping = remote.filter { overlaps($0.path, change.path) || shifts($0, change) || shifts(change, $0) }
            if !overlapping.isEmpty, overlapping.allSatisfy({ $0 == change }) { continue }  // the server did the same
            // Both appended to the same array: no clash, the local element goes after the server's.
            if change.isAppend { overlapping.removeAll { $0.isAppend && $0.path == change.path } }
            let patched = try? JSONPatch(changes: [change]).apply(to: merged)
            if overlapping.isEmpty, let patched {
                merged = patched
                applied += 1
                continue
            }
            clashes.append(Clash(path: change.path, mine: mine.lookup(change.path), theirs: theirs.lookup(change.path)))
            // Keep the local value where it can be placed; not by an index the server moved (it
            // would land on another element): the clash names it for the user to set again.
            if let patched, !moved { merged = patched }
        }
        return Result(merged: merged, clashes: clashes, applied: applied)
    }

    /// Whether `structural`, an element inserted or removed in the middle of an array, moves the
    /// element `other` changes (one at its index or after it): the two sides then number that
    /// array's elements differently, and `other` applied by its index would land on another
    /// element (an edit of team[1] after the server removed team[0] changed the third member).
    /// Appends move nothing.
    static func shifts(_ structural: JSONChange, _ other: JSONChange) -> Bool {
        switch structural.kind {
        case .removed, .added(_, appended: false): break
        default: return false
        }
        guard !other.isAppend, case .index(let at)? = structural.path.components.last else { return false }
        let array = structural.path.components.dropLast()
        guard other.path.components.count > array.count, other.path.components.starts(with: array),
            case .index(let index) = other.path.components[array.count]
        else { return false }
        return index >= at
    }

    /// Whether one path equals or contains the other.
    static func overlaps(_ a: JSONPath, _ b: JSONPath) -> Bool {
        let n = min(a.components.count, b.components.count)
        return Array(a.components.prefix(n)) == Array(b.components.prefix(n))
    }
}
