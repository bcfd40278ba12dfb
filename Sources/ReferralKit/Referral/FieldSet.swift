/// The fields of an object of the schema, in the schema's order, found by name in constant time:
/// the validator, the sandbox's canonical spelling and `set` look a name up for every member of
/// every referral they read (a scan of the list with string comparisons showed in profiles).
public struct FieldSet: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    private let fields: [FieldSchema]
    /// Each name's position.
    private let exact: [String: Int]
    /// Each lower-case name's first position.
    private let folded: [String: Int]

    public init(_ fields: [FieldSchema]) {
        self.fields = fields
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            if exact[field.name] == nil { exact[field.name] = index }
            let lower = field.name.lowercased()
            if folded[lower] == nil { folded[lower] = index }
        }
        self.exact = exact
        self.folded = folded
    }

    public init(arrayLiteral elements: FieldSchema...) {
        self.init(elements)
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> FieldSchema { fields[position] }

    /// The field spelled exactly `name` (the first, should two be).
    public func named(_ name: String) -> FieldSchema? {
        exact[name].map { fields[$0] }
    }

    /// The field spelled exactly `name`, else the first whose name is `name` ignoring case.
    public func named(ignoringCase name: String) -> FieldSchema? {
        if let field = named(name) { return field }
        return folded[name.lowercased()].map { fields[$0] }
    }
}
