/// Reading a referral's identity and state: its id, eTag and status.
public enum ReferralDocument {
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
