/// Edit distance, for "did you mean" suggestions on member, command, status and topic names.
public enum EditDistance {
    /// The number of single-character edits (insert, delete, replace, or swap two neighbours)
    /// that turn `a` into `b`: `shwo` is one edit from `show`, `Clsoed` one from `Closed`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the optimal-string-alignment table: the one before last is needed for swaps.
        var beforeLast = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforeLast[j - 2] + 1)
                }
            }
            (beforeLast, previous, current) = (previous, current, beforeLast)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` within `limit` edits (by default 1 for short words, 2 for
    /// words of 6 or more characters; none for a single character), if any; ties go to the
    /// first candidate. Case is ignored.
    public static func closest(to word: String, in candidates: some Sequence<String>, limit: Int? = nil) -> String? {
        let limit = limit ?? defaultLimit(for: word)
        let lower = word.lowercased()
        let length = lower.count
        // Each edit changes the length by one at most: a name whose length differs by more is
        // not measured (a member name of kilobytes took seconds against every candidate).
        return
            candidates
            .map { ($0, $0.lowercased()) }
            .filter { abs($0.1.count - length) <= limit }
            .map { ($0.0, between(lower, $0.1)) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
    }

    /// How many edits away a word may be from a name to count as a slip of it.
    public static func defaultLimit(for word: String) -> Int {
        word.count <= 1 ? 0 : word.count < 6 ? 1 : 2
    }

    /// ` (did you mean X?)`, or "" when no candidate is close.
    public static func hint(for word: String, in candidates: some Sequence<String>, prefix: String = "") -> String {
        closest(to: word, in: candidates).map { " (did you mean \(prefix)\($0)?)" } ?? ""
    }
}
