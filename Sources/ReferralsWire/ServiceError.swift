/// A failed call to the service, as data: what was sent, what came back, how many times it was
/// tried. Nothing here is text for people yet; the interpreter's `ErrorRenderer` renders it
/// (one line for people, a JSON object for machines).
public struct ServiceError: Error, Sendable, Equatable {
    /// The class of failure, which decides the exit code.
    public enum Kind: String, Sendable, Equatable {
        /// 412, 409, or 400 with code 2055: the server copy changed.
        case conflict
        /// Connection, timeout, 5xx, 429 after retries.
        case unavailable
        /// Any other refusal (400, 401, 403, 404, ...), or a request refsh would not send.
        case rejected
        /// The user cancelled the call (Ctrl-C) before its answer came.
        case cancelled
    }

    /// Where the failure happened.
    public enum Origin: Sendable, Equatable {
        /// The service answered with an error status.
        case response(status: Int)
        /// No answer came: the request never left, or its answer was lost (`path` and query).
        case transport(path: String)
        /// A 2xx answer that is not what the API documents.
        case malformedAnswer(status: Int)
        /// Nothing was sent: refsh refused, or could not connect at all.
        case client
    }

    public var kind: Kind
    public var origin: Origin
    /// The request's method, when a request was made.
    public var method: String?
    /// The documented error code (`InvalidInput`, `2055`, ...), when the service gave one.
    public var code: String?
    /// The service's description, the transport's words, or refsh's reason.
    public var message: String
    /// The fields the service named (`target`, or `data[].field`).
    public var targets: [String]
    /// How many times the request was sent (retries included).
    public var attempts: Int
    /// The `MS-RequestId` support will ask for.
    public var requestId: String?
    /// Set when a create's answer was lost: the referral may exist now.
    public var mayHaveCreated: Bool
    /// Whether the run must stop here whatever errexit says (a replay that no longer matches
    /// its recording: nothing after it can be answered).
    public var endsRun = false

    public init(
        _ kind: Kind, _ message: String, origin: Origin = .client, method: String? = nil, code: String? = nil,
        targets: [String] = [], attempts: Int = 1, requestId: String? = nil, mayHaveCreated: Bool = false
    ) {
        self.kind = kind
        self.message = message
        self.origin = origin
        self.method = method
        self.code = code
        self.targets = targets
        self.attempts = attempts
        self.requestId = requestId
        self.mayHaveCreated = mayHaveCreated
    }

    /// The HTTP status, when the service answered.
    public var status: Int? {
        switch origin {
        case .response(let status), .malformedAnswer(let status): status
        case .transport, .client: nil
        }
    }

    /// 412, 409 and a 400 with code 2055 ("Etag is no longer valid") are conflicts; 408, 429 and
    /// 5xx mean the service is unavailable; everything else is a refusal.
    public static func kind(status: Int, code: String?) -> Kind {
        if status == 412 || status == 409 || (status == 400 && code == "2055") { return .conflict }
        if status == 408 || status == 429 || status >= 500 { return .unavailable }
        return .rejected
    }
}
