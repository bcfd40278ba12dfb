import ReferralKit

/// What a write may leave behind: a referral that every later answer can carry. A PATCH adds to
/// what is stored, so two bodies each within the limits could build one beyond them: nested
/// deeper than a client's parser reads (the list nests each referral two levels down), or larger
/// than a PUT may send back. Such a write is a 400 and changes nothing (docs/sandbox.md).
enum StorableReferral {
    /// The deepest a stored referral may nest: a list page (`value`, then the referral) stays
    /// within ``JSONParser/defaultMaxDepth``.
    static let maxDepth = JSONParser.defaultMaxDepth - 2

    /// Throws 400 unless `referral` nests at most ``maxDepth`` levels and prints in at most `maxBytes`.
    static func check(_ referral: JSONValue, maxBytes: Int) throws(APIError) {
        let (depth, bound) = measure(referral, limit: maxDepth)
        if depth > maxDepth {
            throw APIError(400, "InvalidInput", "the referral would nest deeper than \(maxDepth) levels; nothing was changed")
        }
        // Printing is for the rare referral whose bound is over the limit: a write of the
        // benchmarked bulk path must not print what it only measures.
        guard bound > maxBytes else { return }
        let size = JSONPrinter.compact.bytes(referral).count
        if size > maxBytes {
            throw APIError(
                400, "InvalidInput", "the referral would be \(size) bytes, over the limit of \(maxBytes) a write may send; nothing was changed")
        }
    }

    /// How deep `value` nests (a scalar 0, `[]` 1), counting no further than one past `limit`,
    /// and at least as many bytes as it prints in (every string byte counted as the six of a
    /// `\u` escape, every number by its literal).
    static func measure(_ value: JSONValue, limit: Int) -> (depth: Int, bytes: Int) {
        var deepest = 0
        var bytes = 0
        var pending: [(JSONValue, Int)] = [(value, 0)]
        while let (next, level) = pending.popLast() {
            switch next {
            case .object(let object):
                deepest = max(deepest, level + 1)
                if deepest > limit { return (deepest, bytes) }
                bytes += 2
                for (key, member) in object {
                    bytes += 6 * key.utf8.count + 4
                    pending.append((member, level + 1))
                }
            case .array(let array):
                deepest = max(deepest, level + 1)
                if deepest > limit { return (deepest, bytes) }
                bytes += 2 + array.count
                for element in array { pending.append((element, level + 1)) }
            case .string(let text): bytes += 6 * text.utf8.count + 2
            case .number(let number): bytes += number.literal.utf8.count
            default: bytes += 5
            }
        }
        return (deepest, bytes)
    }
}
