import ReferralKit

/// One page of a list answer: `value`, `@odata.count` and `@odata.nextLink` (absolute, followed
/// verbatim), after the page's `@odata.context`.
public struct ListPage: Sendable, Equatable {
    public var referrals: [JSONValue]
    /// `@odata.count` as the service sent it: not a total to trust (docs/api-choices.md).
    public var count: Int?
    public var nextLink: String?

    public init(referrals: [JSONValue], count: Int?, nextLink: String?) {
        self.referrals = referrals
        self.count = count
        self.nextLink = nextLink
    }

    /// The answer's body, with `context` as its `@odata.context`.
    public func json(context: String) -> JSONValue {
        var body = JSONObject()
        body["@odata.context"] = .string(context)
        if let count { body["@odata.count"] = .int(count) }
        body["value"] = .array(referrals)
        if let nextLink { body["@odata.nextLink"] = .string(nextLink) }
        return .object(body)
    }

    /// The page in a list answer; `nil` when it is not the documented `{"value": [...]}`.
    public static func read(_ value: JSONValue) -> ListPage? {
        guard let object = value.objectValue, let items = object["value"]?.arrayValue else { return nil }
        let count = object["@odata.count"].flatMap { value -> Int? in
            if case .number(let n) = value { return Int(n.literal) } else { return nil }
        }
        return ListPage(referrals: items, count: count, nextLink: object["@odata.nextLink"]?.stringValue)
    }
}
