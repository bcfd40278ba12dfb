/// Members the Referral schema does not document, in objects whose members it does document:
/// set by a user, usually a typo (`details.dealValu`). What the server sent is never one of
/// these: every check here leaves alone members that are already there (or were in the
/// baseline), and objects the schema describes as "any value" (`customerProfile.ids`, `links`).
public enum UndocumentedMembers {
    /// One undocumented member: where it is, and the names the schema documents beside it.
    public struct Member: Sendable, Equatable {
        public var path: JSONPath
        public var documented: [String]

        /// The documented name closest to the member's, if one is close (a likely typo).
        public var suggestion: String? {
            guard case .key(let name)? = path.components.last else { return nil }
            return EditDistance.closest(to: name, in: documented)
        }

        /// ` (did you mean dealValue?)`, or "".
        public var hint: String { suggestion.map { " (did you mean \($0)?)" } ?? "" }
    }

    /// The first member `path` would add to `referral` that the schema does not document, if
    /// any. Steps that exist in `referral` are the server's (or were added before): past the
    /// first undocumented one that exists, nothing is reported.
    public static func added(by path: JSONPath, to referral: JSONValue) -> Member? {
        var type: FieldType? = .object(ReferralSchema.fields)
        var walked = JSONPath()
        for component in path.components {
            let here = walked.appending(component)
            switch (component, type) {
            case (.key(let name), .object(let fields)?):
                if let field = fields.named(ignoringCase: name) {
                    type = field.type
                } else if referral.lookup(here) != nil || name.hasPrefix("@") {
                    return nil  // the server's member (or an annotation): beyond the schema
                } else {
                    return Member(path: here, documented: fields.map(\.name))
                }
            case (.index, .array(let element)?):
                type = element
            default:
                return nil  // beyond what the schema describes member by member
            }
            walked = here
        }
        return nil
    }

    /// Members of `value`, to be stored at `path` of `referral`, that the schema does not
    /// document and that `referral` does not already hold there (for a value typed as JSON).
    public static func inside(_ value: JSONValue, at path: JSONPath, of referral: JSONValue) -> [Member] {
        let type: FieldType? = path.isRoot ? .object(ReferralSchema.fields) : ReferralSchema.field(at: path)?.type
        guard let type else { return [] }
        var out: [Member] = []
        collect(value, as: type, at: path, known: referral, into: &out)
        return out
    }

    /// Members of `referral` the schema does not document and `baseline` does not hold: the ones
    /// added since it (every one, without a baseline). For `validate`'s warnings.
    public static func added(to referral: JSONValue, since baseline: JSONValue?) -> [Member] {
        var out: [Member] = []
        collect(referral, as: .object(ReferralSchema.fields), at: JSONPath(), known: baseline ?? .object(JSONObject()), into: &out)
        return out
    }

    /// Walks `value` (at `path`) along the schema `type`; undocumented members absent from
    /// `known` are collected, not walked into.
    private static func collect(_ value: JSONValue, as type: FieldType, at path: JSONPath, known: JSONValue, into out: inout [Member]) {
        switch (type, value) {
        case (.object(let fields), .object(let object)):
            for (key, child) in object {
                let here = path.appending(.key(key))
                if let field = fields.named(ignoringCase: key) {
                    collect(child, as: field.type, at: here, known: known, into: &out)
                } else if !key.hasPrefix("@"), known.lookup(here) == nil {
                    out.append(Member(path: here, documented: fields.map(\.name)))
                }
            }
        case (.array(let element), .array(let elements)):
            for (index, child) in elements.enumerated() {
                collect(child, as: element, at: path.appending(.index(index)), known: known, into: &out)
            }
        default:
            return
        }
    }
}
