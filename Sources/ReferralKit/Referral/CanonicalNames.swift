/// Member names as the API spells them. The service matches names in a request without regard
/// to case (the create page itself sends `ConsentToContact`) and always answers in camelCase, so
/// input is rewritten to the schema's spelling before anything else reads it.
public enum CanonicalNames {
    /// `value` with every member the schema documents spelled as the schema does (`Details.DealValue`
    /// becomes `details.dealValue`); members it does not document keep their spelling.
    public static func apply(_ value: JSONValue) -> JSONValue {
        apply(value, as: .object(ReferralSchema.fields))
    }

    /// A JSON Pointer with each segment the schema documents spelled as the schema does.
    public static func pointer(_ pointer: String) -> String {
        guard pointer.hasPrefix("/") else { return pointer }
        var type = FieldType.object(ReferralSchema.fields)
        var segments: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch type {
            case .object(let fields):
                let name = JSONPath.pointerUnescaped(raw)
                if let field = fields.named(ignoringCase: name) {
                    segments.append(JSONPath.pointerEscaped(field.name))
                    type = field.type
                } else {
                    segments.append(raw)
                    type = .anyValue
                }
            case .array(let element):
                segments.append(raw)
                type = element
            default:
                segments.append(raw)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    /// `value` as the content of a field of `type`, its documented members, and the values of its
    /// closed enumerations, spelled as the schema does.
    public static func apply(_ value: JSONValue, as type: FieldType) -> JSONValue {
        switch (type, value) {
        case (.object(let fields), .object(let object)):
            var result = JSONObject()
            for (key, member) in object {
                if let field = fields.named(ignoringCase: key) {
                    // An exact spelling wins over a case-insensitive one given as well.
                    if result[field.name] != nil, key != field.name { continue }
                    result[field.name] = apply(member, as: field.type)
                } else {
                    result[key] = member
                }
            }
            return .object(result)
        case (.array(let element), .array(let items)):
            return .array(items.map { apply($0, as: element) })
        case (.enumeration(let definition), .string(let text)) where !definition.values.contains(text):
            // A value of a closed list in another case (`independent`), as .NET's enum converters
            // read it; an open list's values stay as written.
            guard !definition.isOpen, let known = definition.values.first(where: { $0.lowercased() == text.lowercased() }) else { return value }
            return .string(known)
        default:
            return value
        }
    }
}
