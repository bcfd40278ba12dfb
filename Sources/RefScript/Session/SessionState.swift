import ReferralKit

/// What a session is working on, as one serialisable value: the working referral, the copy it
/// came from (baseline), its eTag, and where it came from.
public struct SessionState: Sendable, Equatable {
    /// The referral being edited.
    public var working: JSONValue?
    /// The server (or file) copy the working copy started from; `diff` and `patch` compare with it.
    public var baseline: JSONValue?
    /// The baseline's eTag, sent as `If-Match` on writes.
    public var eTag: String?
    /// Where the baseline came from: a file name or a referral id.
    public var origin: Origin?
    /// The working copy as last written to a file by `save`.
    public var saved: JSONValue?

    /// Where a baseline came from.
    public enum Origin: Sendable, Equatable {
        case file(String)
        case service(id: String)
    }

    public init() {}

    /// Whether the working copy differs from its baseline.
    public var isDirty: Bool { working != nil && working != baseline }

    /// Whether discarding the working copy would lose edits (dirty and not saved to a file).
    public var hasUnsavedEdits: Bool { isDirty && working != saved }

    /// The state as JSON (for journals and traces).
    public var json: JSONValue {
        var object = JSONObject()
        object["working"] = working ?? .null
        object["baseline"] = baseline ?? .null
        object["eTag"] = eTag.map(JSONValue.string) ?? .null
        switch origin {
        case .file(let name)?: object["origin"] = ["file": .string(name)]
        case .service(let id)?: object["origin"] = ["id": .string(id)]
        case nil: object["origin"] = .null
        }
        return .object(object)
    }

    /// A state read back from ``json``.
    public init(json: JSONValue) {
        let object = json.objectValue ?? JSONObject()
        working = object["working"]?.unlessNull
        baseline = object["baseline"]?.unlessNull
        eTag = object["eTag"]?.stringValue
        let origin = object["origin"]?.objectValue
        if let file = origin?["file"]?.stringValue {
            self.origin = .file(file)
        } else if let id = origin?["id"]?.stringValue {
            self.origin = .service(id: id)
        }
    }
}
