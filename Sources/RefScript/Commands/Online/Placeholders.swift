import ReferralKit

/// The fields of ``NewCommand/skeleton`` a create needs, with the placeholder each starts with:
/// the customer's name, each customer contact's email and the deal value. A referral still
/// holding one fails `create`, and `validate` while it is not on the service (it has no `id`).
/// The skeleton's other empty strings (notes, address lines, names) are optional fields.
enum Placeholders {
    static let customerName = JSONPath([.key("customerProfile"), .key("name")])
    static let customerTeam = JSONPath([.key("customerProfile"), .key("team")])
    static let dealValue = JSONPath([.key("details"), .key("dealValue")])

    /// Each field of `referral` that still holds its placeholder, with it, in skeleton order.
    static func unfilled(in referral: JSONValue) -> [(path: JSONPath, placeholder: JSONValue)] {
        var out: [(JSONPath, JSONValue)] = []
        if referral.lookup(customerName) == "" { out.append((customerName, "")) }
        for (index, member) in (referral.lookup(customerTeam)?.arrayValue ?? []).enumerated() where member.objectValue?["email"] == "" {
            out.append((customerTeam.appending(.index(index)).appending(.key("email")), ""))
        }
        if let value = referral.lookup(dealValue), value == .number(JSONNumber(0)) { out.append((dealValue, value)) }
        return out
    }

    /// `validate`'s errors for a referral not yet on the service; none for one with an `id`.
    static func issues(in referral: JSONValue) -> [ValidationIssue] {
        guard ReferralDocument.id(of: referral) == nil else { return [] }
        return unfilled(in: referral).map { field in
            let shown = JSONPrinter.compact.print(field.placeholder)
            return ValidationIssue(.error, field.path, "still the placeholder \(shown) from new; fill it in before create")
        }
    }

    /// Why `create` must not send `referral`, or `nil` when every placeholder is filled in.
    static func refusal(for referral: JSONValue) -> String? {
        let paths = unfilled(in: referral).map { $0.path.description }
        guard !paths.isEmpty else { return nil }
        let those = paths.count == 1 ? "it" : "them"
        return "create not sent: fill in \(paths.joined(separator: ", ")) (placeholders from new; set \(those) first)"
    }
}
