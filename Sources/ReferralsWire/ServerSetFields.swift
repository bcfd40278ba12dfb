import ReferralKit

/// The members of a referral only the server sets: the schema's read-only top-level fields and
/// every `@odata.*` annotation. One list, derived from ``ReferralSchema``, for both sides: the
/// client leaves them out of a create, the sandbox ignores a client's values for them.
public enum ServerSetFields {
    /// The read-only top-level fields, in schema order.
    public static let names: [String] = ReferralSchema.fields.filter(\.isReadOnly).map(\.name)
    private static let lookup = Set(names)

    /// Whether top-level member `key` is the server's.
    public static func contains(_ key: String) -> Bool { key.hasPrefix("@odata.") || lookup.contains(key) }

    /// The body of a create (POST): the referral without the members the server sets.
    public static func createBody(_ referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral else { return referral }
        return .object(JSONObject(object.filter { !contains($0.key) }.map { ($0.key, $0.value) }))
    }

    /// The referral without its top-level `@odata.*` annotations (`@odata.context`): what the
    /// service says about the answer, not part of the referral.
    public static func withoutAnnotations(_ referral: JSONValue) -> JSONValue {
        guard case .object(var object) = referral else { return referral }
        // Removed in place: building a new object of the other members (hashing each again) was
        // 3% of a bulk loop's time, since every answer carries `@odata.context`.
        let annotations = object.keys.filter { $0.hasPrefix("@odata.") }
        guard !annotations.isEmpty else { return referral }
        for key in annotations { object.removeValue(forKey: key) }
        return .object(object)
    }

    /// The body of a PUT: the referral without `links` (the service answers 400 when present)
    /// and without `@odata.*` annotations, which are not properties.
    public static func replaceBody(_ referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral else { return referral }
        return .object(JSONObject(object.filter { $0.key != "links" && !$0.key.hasPrefix("@odata.") }.map { ($0.key, $0.value) }))
    }

    /// `referral` with the server-set members `server` has (eTag, dates, ...) and without the
    /// ones it lacks, annotations included: the client's edits on top of the server's own fields.
    public static func withServerFields(of server: JSONValue, in referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral, case .object(let theirs) = server else { return referral }
        var result = JSONObject(object.filter { !contains($0.key) || theirs[$0.key] != nil }.map { ($0.key, $0.value) })
        for (key, value) in theirs where contains(key) { result[key] = value }
        return .object(result)
    }
}
