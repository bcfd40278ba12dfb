/// The value of the first header named `name` (case-insensitive): one lookup for the sandbox's
/// requests and responses and the client's.
public func firstHeader(_ name: String, in headers: [(name: String, value: String)]) -> String? {
    headers.first { sameHeaderName($0.name, name) }?.value
}

/// Whether two header names are the same: equal but for the case of ASCII letters (RFC 9110
/// names are ASCII tokens; any other byte must match exactly). Compared in place: lowercasing
/// both for every header of every lookup showed in the sandbox's profile.
public func sameHeaderName(_ a: String, _ b: String) -> Bool {
    var first = a.utf8.makeIterator()
    var second = b.utf8.makeIterator()
    while true {
        switch (first.next(), second.next()) {
        case (nil, nil): return true
        case (let x?, let y?):
            if x != y, x | 0x20 != y | 0x20 || !((0x61...0x7A).contains(x | 0x20)) { return false }
        default: return false
        }
    }
}
