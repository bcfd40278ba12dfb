/// Structural difference between two JSON values: the smallest list of added, removed and
/// changed paths that turns the base into the target.
///
/// Objects compare member by member (order does not matter; matching is exact, case-sensitive);
/// arrays compare position by position, then report extra elements as appended or removed
/// (removals from the end first, so that applying them in order keeps indices valid). Numbers
/// compare by value. ``JSONPatch/init(changes:)`` turns the result into an RFC 6902 document.
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
            let common = min(a.count, b.count)
            for i in 0..<common {
                compareMember(a[i], b[i], at: path, .index(i), into: &out)
            }
            if b.count > a.count {
                for i in a.count..<b.count {
                    out.append(JSONChange(path: path.appending(.index(i)), kind: .added(b[i], appended: true)))
                }
            } else if a.count > b.count {
                for i in (b.count..<a.count).reversed() {
                    out.append(JSONChange(path: path.appending(.index(i)), kind: .removed(a[i])))
                }
            }
        default:
            if base != target {
                out.append(JSONChange(path: path, kind: .changed(from: base, to: target)))
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
