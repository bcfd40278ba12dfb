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
        if depth(of: referral, limit: maxDepth) > maxDepth {
            throw APIError(400, "InvalidInput", "the referral would nest deeper than \(maxDepth) levels; nothing was changed")
        }
        let size = JSONPrinter.compact.bytes(referral).count
        if size > maxBytes {
            throw APIError(
                400, "InvalidInput", "the referral would be \(size) bytes, over the limit of \(maxBytes) a write may send; nothing was changed")
        }
    }

    /// How deep `value` nests (a scalar 0, `[]` 1), counting no further than one past `limit`.
    static func depth(of value: JSONValue, limit: Int) -> Int {
        var deepest = 0
        var pending: [(JSONValue, Int)] = [(value, 0)]
        while let (next, level) = pending.popLast() {
            switch next {
            case .object(let object):
                deepest = max(deepest, level + 1)
                if deepest > limit { return deepest }
                for (_, member) in object where member.isContainer { pending.append((member, level + 1)) }
            case .array(let array):
                deepest = max(deepest, level + 1)
                if deepest > limit { return deepest }
                for element in array where element.isContainer { pending.append((element, level + 1)) }
            default:
                break
            }
        }
        return deepest
    }
}

extension JSONValue {
    fileprivate var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}
