/// One difference between two JSON values, by path.
public struct JSONChange: Sendable, Equatable, CustomStringConvertible {
    /// What happened at ``path``.
    public enum Kind: Sendable, Equatable {
        /// Present only in the target. `appended` when it extends an array at its end.
        case added(JSONValue, appended: Bool)
        /// Present only in the base.
        case removed(JSONValue)
        /// Present in both with different values.
        case changed(from: JSONValue, to: JSONValue)
    }

    /// Where, with member names as spelled in the values and non-negative indices.
    public var path: JSONPath
    /// What.
    public var kind: Kind

    public init(path: JSONPath, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Whether this adds an element at the end of an array.
    public var isAppend: Bool {
        if case .added(_, appended: true) = kind { true } else { false }
    }

    /// One line a person reads: `~ details.dealValue: 25000 → 50000`, `+ path: value`, `- path: value`.
    public var description: String {
        let compact = JSONPrinter.compact
        switch kind {
        case .added(let value, _): return "+ \(path): \(compact.print(value))"
        case .removed(let value): return "- \(path): \(compact.print(value))"
        case .changed(let old, let new): return "~ \(path): \(compact.print(old)) → \(compact.print(new))"
        }
    }
}
