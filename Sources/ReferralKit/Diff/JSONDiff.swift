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
        case (.object(let a), .object(let b)):
            for (key, old) in a {
                let here = path.appending(.key(key))
                if let new = b[key] {
                    compare(old, new, at: here, into: &out)
                } else {
                    out.append(JSONChange(path: here, kind: .removed(old)))
                }
            }
            for (key, new) in b where a[key] == nil {
                out.append(JSONChange(path: path.appending(.key(key)), kind: .added(new, appended: false)))
            }
        case (.array(let a), .array(let b)):
            let common = min(a.count, b.count)
            for i in 0..<common {
                compare(a[i], b[i], at: path.appending(.index(i)), into: &out)
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
}
