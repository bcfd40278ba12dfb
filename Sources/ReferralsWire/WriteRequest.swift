import ReferralKit

/// A write to the service, whole: what the interpreter asks for, what the client sends and
/// previews, what a recording or a trace names.
public enum WriteRequest: Sendable, Equatable {
    /// POST a new referral (its body without the fields the server sets).
    case create(JSONValue)
    /// PUT the whole referral, `If-Match` its eTag.
    case replace(id: String, body: JSONValue, ifMatch: String)
    /// PATCH with a JSON Patch document, `If-Match` its eTag.
    case update(id: String, patch: JSONPatch, ifMatch: String)

    /// The referral written to, for a PUT or PATCH.
    public var referralId: String? {
        switch self {
        case .create: nil
        case .replace(let id, _, _), .update(let id, _, _): id
        }
    }
}
