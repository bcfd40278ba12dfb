import ReferralKit

/// The Referrals API as the interpreter sees it. The Client module implements it over HTTP;
/// tests and the embedded sandbox can implement it directly.
public protocol ReferralService: Sendable {
    /// A short description for prompts and `session`: "sandbox", "api.partner.microsoft.com".
    var endpointDescription: String { get }
    /// GET one referral.
    func fetch(id: String) async throws(ServiceError) -> ServerCopy
    /// GET a page of referrals; `next` is the `@odata.nextLink` to follow verbatim.
    func list(query: ListQuery) async throws(ServiceError) -> ReferralPage
    /// POST a new referral.
    func create(_ referral: JSONValue) async throws(ServiceError) -> ServerCopy
    /// PUT the whole referral with `If-Match`.
    func replace(id: String, with referral: JSONValue, ifMatch eTag: String) async throws(ServiceError) -> ServerCopy
    /// PATCH with a JSON Patch document and `If-Match`.
    func update(id: String, patch: JSONPatch, ifMatch eTag: String) async throws(ServiceError) -> ServerCopy
}

/// A referral as the server returned it, with its eTag.
public struct ServerCopy: Sendable, Equatable {
    public var referral: JSONValue
    public var eTag: String?
    public init(referral: JSONValue, eTag: String?) {
        self.referral = referral
        self.eTag = eTag
    }
}

/// A list request: OData options, or a nextLink to follow.
public struct ListQuery: Sendable, Equatable {
    public var filter: String?
    public var top: Int?
    public var orderBy: String?
    public var nextLink: String?
    public init(filter: String? = nil, top: Int? = nil, orderBy: String? = nil, nextLink: String? = nil) {
        self.filter = filter
        self.top = top
        self.orderBy = orderBy
        self.nextLink = nextLink
    }
}

/// One page of a list.
public struct ReferralPage: Sendable, Equatable {
    public var referrals: [JSONValue]
    public var totalCount: Int?
    public var nextLink: String?
    public init(referrals: [JSONValue], totalCount: Int?, nextLink: String?) {
        self.referrals = referrals
        self.totalCount = totalCount
        self.nextLink = nextLink
    }
}

/// A failed call, classified the way exit codes are.
public struct ServiceError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 412, 409, or 400 with code 2055: the server copy changed.
        case conflict
        /// Connection, timeout, 5xx, 429 after retries.
        case unavailable
        /// Any other refusal (400, 401, 403, 404, ...).
        case rejected
    }
    public var kind: Kind
    /// One line: status, error code, field, request id.
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The error as the interpreter reports it.
    public var scriptError: RefScriptError {
        switch kind {
        case .conflict: RefScriptError(.conflict, message)
        case .unavailable: RefScriptError(.service, message)
        case .rejected: RefScriptError(.command, message)
        }
    }
}
