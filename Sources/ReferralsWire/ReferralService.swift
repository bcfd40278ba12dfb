import ReferralKit

/// The Referrals API as the interpreter calls it: the Client implements it over HTTP; tests and
/// the in-process sandbox can implement it directly. Every failure is a ``ServiceError``.
public protocol ReferralService: Sendable {
    /// Where requests go, for prompts and `session`: "sandbox" or the endpoint's host.
    var endpointDescription: String { get }
    /// GET one referral.
    func fetch(id: String) async throws(ServiceError) -> ServerCopy
    /// GET a page of referrals; `query.nextLink` is followed verbatim.
    func list(query: ListQuery) async throws(ServiceError) -> ListPage
    /// Sends a write (POST, PUT or PATCH, the last two with `If-Match`) and returns the stored referral.
    func send(_ write: WriteRequest) async throws(ServiceError) -> ServerCopy
    /// The exact HTTP request a write would send (token redacted), for `--dry-run`.
    func preview(_ write: WriteRequest) -> String
    /// The request a call would send, for `--curl`; `nil` where the service cannot tell.
    func plan(_ call: PlannedCall) throws(ServiceError) -> PlannedRequest?
    /// Calls the sandbox's admin surface (`/_sandbox/…`); the answer's JSON, if any.
    func admin(method: String, path: String, body: String?) async throws(ServiceError) -> JSONValue?
    /// The last request sent and how it ended, for `session` and support.
    func lastExchange() async -> Exchange?
    /// Releases connections; the service is not used afterwards.
    func close() async
}

/// One request and its outcome, as `session` shows it.
public struct Exchange: Sendable, Equatable {
    public var method: String
    public var path: String
    /// The final status (0: no response).
    public var status: Int
    public var requestId: String
    public var correlationId: String
    /// How many times it was sent (retries included).
    public var attempts: Int
    /// Whether it was cancelled (Ctrl-C) after it was sent, before an answer came.
    public var cancelled: Bool
    public init(
        method: String, path: String, status: Int, requestId: String, correlationId: String, attempts: Int, cancelled: Bool = false
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.requestId = requestId
        self.correlationId = correlationId
        self.attempts = attempts
        self.cancelled = cancelled
    }
}

/// A referral as the server returned it, with its eTag.
public struct ServerCopy: Sendable, Equatable {
    public var referral: JSONValue
    public var eTag: String?
    /// Something the user should know about how it was obtained (a lost response that had landed).
    public var note: String?
    /// The eTag to send back: the answer's header, else the referral's own `eTag` field.
    public var currentETag: String? { eTag ?? ReferralDocument.eTag(of: referral) }
    public init(referral: JSONValue, eTag: String?, note: String? = nil) {
        self.referral = referral
        self.eTag = eTag
        self.note = note
    }
}

/// A list request: OData options, or a nextLink to follow.
public struct ListQuery: Sendable, Equatable {
    public var filter: String?
    public var top: Int?
    public var nextLink: String?
    public init(filter: String? = nil, top: Int? = nil, nextLink: String? = nil) {
        self.filter = filter
        self.top = top
        self.nextLink = nextLink
    }
}
