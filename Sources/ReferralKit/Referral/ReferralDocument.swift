/// Whole-referral operations the client needs around the wire format.
public enum ReferralDocument {
    /// The body of a PUT: the referral without `links` (the service answers 400 when present) and
    /// without top-level `@odata.*` annotations, which are not properties.
    public static func putBody(_ referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral else { return referral }
        return .object(JSONObject(object.filter { $0.key != "links" && !$0.key.hasPrefix("@odata.") }.map { ($0.key, $0.value) }))
    }

    /// The body of a create (POST): the referral without the fields the server sets (the
    /// schema's read-only top-level fields) and without `@odata.*` annotations.
    public static func createBody(_ referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral else { return referral }
        return .object(JSONObject(object.filter { !isServerSet($0.key) }.map { ($0.key, $0.value) }))
    }

    /// Whether a top-level member is the server's: a read-only field or an `@odata.*` annotation.
    public static func isServerSet(_ key: String) -> Bool {
        key.hasPrefix("@odata.") || (ReferralSchema.field(at: JSONPath([.key(key)]))?.isReadOnly ?? false)
    }

    /// `Active/Accepted`: the status and substatus that are set, or `nil` when neither is.
    public static func statusText(of referral: JSONValue) -> String? {
        let object = referral.objectValue
        let parts = [object?["status"]?.stringValue, object?["substatus"]?.stringValue].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The referral's `id`, when it has one.
    public static func id(of referral: JSONValue) -> String? {
        referral.objectValue?["id"]?.stringValue
    }

    /// The referral's `eTag`, when it has one.
    public static func eTag(of referral: JSONValue) -> String? {
        referral.objectValue?["eTag"]?.stringValue
    }

    /// The referral's status, when it is a known value.
    public static func status(of referral: JSONValue) -> ReferralStatus? {
        referral.objectValue?["status"]?.stringValue.flatMap(ReferralStatus.init(rawValue:))
    }
}
