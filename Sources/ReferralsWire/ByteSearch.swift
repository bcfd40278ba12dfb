/// Searching UTF-8 bytes for a run of bytes, for the fast paths that may (ASCII text, where
/// bytes and characters agree).
enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (an empty needle always does).
    static func contains(_ haystack: String.UTF8View, _ needle: String.UTF8View) -> Bool {
        let found = haystack.withContiguousStorageIfAvailable { hay in
            needle.withContiguousStorageIfAvailable { part in contains(hay, part) }
        }
        if let found, let answer = found { return answer }
        return Array(haystack).withUnsafeBufferPointer { hay in Array(needle).withUnsafeBufferPointer { contains(hay, $0) } }
    }

    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ part: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = part.first else { return true }
        guard hay.count >= part.count else { return false }
        var start = 0
        let last = hay.count - part.count
        while start <= last {
            if hay[start] == first {
                var matched = 1
                while matched < part.count, hay[start + matched] == part[matched] { matched += 1 }
                if matched == part.count { return true }
            }
            start += 1
        }
        return false
    }
}
