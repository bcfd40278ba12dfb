import ReferralKit

extension ODataFilter {
    /// The first comparison of a property with a literal of another kind, as the message of the
    /// 400 OData answers for it (`details/dealValue gt '1000'`, `status eq 1`, `createdDateTime
    /// gt 'soon'`): a sandbox that compared them would match nothing and hide the mistake.
    public func typeMismatch() -> String? {
        firstFinding { node, bases in
            guard case .compare(let left, _, let right) = node else { return nil }
            return Self.mismatch(left, right, bases) ?? Self.mismatch(right, left, bases)
        }
    }

    /// Why `property` cannot be compared with `other`, when one is a documented property and the
    /// other a literal of a kind it never holds (`null` is every property's).
    private static func mismatch(_ property: ODataOperand, _ other: ODataOperand, _ bases: [String: [String]]) -> String? {
        guard case .path(let segments) = property, case .literal(let value) = other, value != .null else { return nil }
        guard let field = ReferralSchema.field(at: schemaPath(segments, bases)) else { return nil }
        let name = segments.joined(separator: "/")
        let literal: String = if case .string(let text) = value { "'\(text)'" } else { JSONPrinter.compact.print(value) }
        switch (field.type, value) {
        case (.anyValue, _), (.decimal, .number), (.boolean, .bool), (.string, .string), (.code, .string), (.enumeration, .string):
            return nil
        case (.dateTime, .string(let text)):
            if DateTimeFormat.ticks(text) != nil || DateTimeFormat.isDate(text) { return nil }
            return "\(name) is a date-time and \(literal) is not one (write it as 2024-01-31T00:00:00Z, without quotes)"
        case (.decimal, .string(let text)) where JSONNumber(literal: text) != nil:
            return "\(name) is a number and \(literal) a string (write \(text), without quotes)"
        case (.boolean, .string(let text)) where text == "true" || text == "false":
            return "\(name) is true or false and \(literal) a string (write \(text), without quotes)"
        default:
            return
                "\(name) (\(field.type.summary)) cannot be compared with \(literal) (\("ao".contains(value.kindName.prefix(1)) ? "an" : "a") \(value.kindName))"
        }
    }
}
