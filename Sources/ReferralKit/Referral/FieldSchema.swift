/// The shape of a field of the Referral resource.
public indirect enum FieldType: Sendable {
    case string
    /// UTC ISO-8601, e.g. `2018-11-14T00:00:00Z`.
    case dateTime
    /// A JSON number (the API's decimal).
    case decimal
    case boolean
    case enumeration(EnumDefinition)
    /// Upper-case letter code of the given length: ISO 4217 currency (3), ISO 3166 country (2).
    case code(length: Int, standard: String)
    case object(FieldSet)
    case array(FieldType)
    /// Anything: fields whose shape the documentation shows inconsistently (`ids` is `[]` and `{}`).
    case anyValue

    /// How the type reads in messages: "a string", "one of ReferralStatus", ...
    public var summary: String {
        switch self {
        case .string: "a string"
        case .dateTime: "a UTC ISO-8601 date-time string"
        case .decimal: "a number"
        case .boolean: "true or false"
        case .enumeration(let e): "one of \(e.name)"
        case .code(let length, let standard): "a \(length)-letter \(standard) code"
        case .object: "an object"
        case .array: "an array"
        case .anyValue: "any value"
        }
    }
}

/// One field of an object in the Referral resource.
public struct FieldSchema: Sendable {
    /// The JSON name, exact spelling.
    public var name: String
    public var type: FieldType
    /// Server-set: a client must not change it.
    public var isReadOnly: Bool

    public init(_ name: String, _ type: FieldType, readOnly: Bool = false) {
        self.name = name
        self.type = type
        self.isReadOnly = readOnly
    }
}
