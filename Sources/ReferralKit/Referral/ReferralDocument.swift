/// Whole-referral operations the client needs around the wire format.
public enum ReferralDocument {
    /// The body of a PUT: the referral without `links` (the service answers 400 when present) and
    /// without top-level `@odata.*` annotations, which are not properties.
    public static func putBody(_ referral: JSONValue) -> JSONValue {
        guard case .object(let object) = referral else { return referral }
        return .object(JSONObject(object.filter { $0.key != "links" && !$0.key.hasPrefix("@odata.") }.map { ($0.key, $0.value) }))
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
