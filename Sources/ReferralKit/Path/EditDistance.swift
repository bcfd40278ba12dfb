/// Levenshtein distance, for "did you mean" suggestions on member and command names.
public enum EditDistance {
    /// The number of single-character edits that turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` within `limit` edits (by default 1 for short words, 2 for
    /// words of 6 or more characters; none for a single character), if any.
    public static func closest(to word: String, in candidates: some Sequence<String>, limit: Int? = nil) -> String? {
        let limit = limit ?? (word.count <= 1 ? 0 : word.count < 6 ? 1 : 2)
        return
            candidates
            .map { ($0, between(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
    }
}
