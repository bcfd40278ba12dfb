import OrderedCollections

/// A JSON object that remembers the order its members were written in.
///
/// Lookups by ``subscript(_:)`` are exact; ``resolveKey(_:)`` also finds a member whose name
/// differs only in case (`Details.DealValue` finds `details.dealValue`), which is how paths match.
public struct JSONObject: Sendable, Hashable, Sequence {
    private var storage: OrderedDictionary<String, JSONValue>

    /// An empty object.
    public init() { storage = [:] }

    /// An object with `members` in the given order; a repeated key keeps its first position and last value.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        storage = [:]
        for (key, value) in members { storage[key] = value }
    }

    /// The number of members.
    public var count: Int { storage.count }
    /// Member names in order.
    public var keys: [String] { storage.keys.elements }

    /// The values, in the order of ``keys``.
    public var values: [JSONValue] { storage.values.elements }

    /// Whether `other` has the same names in the same order (at once when they share storage, as
    /// an edit and the copy it came from do): then members can be paired by position, with no
    /// lookups by name.
    public func hasNamesInOrder(of other: JSONObject) -> Bool { storage.keys.elements == other.storage.keys.elements }

    /// The member named exactly `key`; assigning `nil` removes it, assigning a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// Changes the member named exactly `key` in place (no copy of it is made); `nil`, and
    /// `body` not run, when there is no such member.
    public mutating func updateMember<R, E: Error>(_ key: String, _ body: (inout JSONValue) throws(E) -> R) throws(E) -> R? {
        guard let index = storage.index(forKey: key) else { return nil }
        return try body(&storage.values[index])
    }

    /// Outcome of matching a name against the members.
    public enum KeyMatch: Equatable, Sendable {
        /// The member's actual name.
        case found(String)
        /// No member matches.
        case missing
        /// Several members differ from the name only in case, and none matches it exactly.
        case ambiguous([String])
    }

    /// Finds the member named `key`, exactly or else ignoring case.
    public func resolveKey(_ key: String) -> KeyMatch {
        if storage[key] != nil { return .found(key) }
        let lowered = key.lowercased()
        let candidates = Array(storage.keys).filter { $0.lowercased() == lowered }
        switch candidates.count {
        case 0: return .missing
        case 1: return .found(candidates[0])
        default: return .ambiguous(candidates)
        }
    }

    /// Removes and returns the member named exactly `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        storage.removeValue(forKey: key)
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        storage.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    /// JSON equality: the same names with equal values, in any order.
    ///
    /// Names in the same order (an edit against the server copy it came from, the usual case)
    /// are compared position by position, as arrays: an array compares its buffers first, so the
    /// members an edit did not touch, which share storage with the copy it came from, are equal at
    /// once. Names out of place leave it to ``equalInAnyOrder(_:_:)`` (a property test holds the
    /// two equal).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        guard lhs.hasNamesInOrder(of: rhs) else { return equalInAnyOrder(lhs, rhs) }
        return lhs.values == rhs.values
    }

    /// JSON equality by looking each name of one up in the other.
    static func equalInAnyOrder(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (key, value) in lhs.storage {
            guard let other = rhs.storage[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with `==`.
        var combined = 0
        for (key, value) in storage {
            var h = Hasher()
            h.combine(key)
            h.combine(value)
            combined ^= h.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(combined)
    }
}
