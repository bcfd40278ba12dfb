/// Structural difference between two JSON values: the smallest list of added, removed and
/// changed paths that turns the base into the target.
///
/// Objects compare member by member (order does not matter; matching is exact, case-sensitive);
/// arrays leave out the elements equal at both ends, compare the rest position by position, and
/// report extra elements as inserted, appended or removed (removals from the last first, so that
/// applying them in order keeps indices valid). Numbers compare by value. ``JSONPatch/init(changes:)`` turns the result into an RFC 6902 document.
public enum JSONDiff {
    /// The changes that turn `base` into `target`, base order first, then members new in the target.
    public static func changes(from base: JSONValue, to target: JSONValue) -> [JSONChange] {
        var out: [JSONChange] = []
        compare(base, target, at: .root, into: &out)
        return out
    }

    private static func compare(_ base: JSONValue, _ target: JSONValue, at path: JSONPath, into out: inout [JSONChange]) {
        switch (base, target) {
        case (.object(let a), .object(let b)) where a.hasNamesInOrder(of: b):
            // The usual case, an edit against its baseline: members paired by position.
            let (names, old, new) = (a.keys, a.values, b.values)
            for index in names.indices { compareMember(old[index], new[index], at: path, .key(names[index]), into: &out) }
        case (.object(let a), .object(let b)):
            for (key, old) in a {
                if let new = b[key] {
                    compareMember(old, new, at: path, .key(key), into: &out)
                } else {
                    out.append(JSONChange(path: path.appending(.key(key)), kind: .removed(old)))
                }
            }
            for (key, new) in b where a[key] == nil {
                out.append(JSONChange(path: path.appending(.key(key)), kind: .added(new, appended: false)))
            }
        case (.array(let a), .array(let b)):
            compareArrays(a, b, at: path, into: &out)
        default:
            if base != target {
                out.append(JSONChange(path: path, kind: .changed(from: base, to: target)))
            }
        }
    }

    /// Arrays: the elements equal at both ends are left out, so an element inserted or removed
    /// in the middle is reported as itself, not as a change to every element after it; what is
    /// left is compared position by position, and the extra elements of the longer side are
    /// added (appended when nothing follows them) or removed (from the last, so that applying
    /// the changes in order keeps indices valid).
    private static func compareArrays(_ a: [JSONValue], _ b: [JSONValue], at path: JSONPath, into out: inout [JSONChange]) {
        let shorter = min(a.count, b.count)
        var prefix = 0
        while prefix < shorter, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        if a.count != b.count {
            while suffix < shorter - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        }
        let common = shorter - prefix - suffix
        for i in prefix..<(prefix + common) {
            compareMember(a[i], b[i], at: path, .index(i), into: &out)
        }
        if b.count > a.count {
            for i in (prefix + common)..<(b.count - suffix) {
                out.append(JSONChange(path: path.appending(.index(i)), kind: .added(b[i], appended: suffix == 0)))
            }
        } else if a.count > b.count {
            for i in ((prefix + common)..<(a.count - suffix)).reversed() {
                out.append(JSONChange(path: path.appending(.index(i)), kind: .removed(a[i])))
            }
        }
    }

    /// ``compare(_:_:at:into:)`` of a member or element: its path is made only when the two
    /// differ (most members of a referral are equal, and making a path for each showed in a bulk
    /// loop's profile). Equal containers are not entered: those an edit did not touch share
    /// storage with the baseline, which makes them equal at once (``JSONObject/==(_:_:)``).
    private static func compareMember(
        _ base: JSONValue, _ target: JSONValue, at parent: JSONPath, _ step: JSONPath.Component, into out: inout [JSONChange]
    ) {
        switch (base, target) {
        case (.object, .object), (.array, .array):
            if base != target { compare(base, target, at: parent.appending(step), into: &out) }
        default:
            if base != target {
                out.append(JSONChange(path: parent.appending(step), kind: .changed(from: base, to: target)))
            }
        }
    }
}
