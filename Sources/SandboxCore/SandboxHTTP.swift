import ReferralKit
import ReferralsWire

/// An HTTP request as the sandbox core sees it: transport-neutral, so it runs in-process in
/// tests and behind a real server alike.
public struct SandboxRequest: Sendable {
    public var method: String
    /// The path without the query, percent-decoded: `/v1.0/engagements/referrals/abc`.
    public var path: String
    /// Query items in order, percent-decoded (`$filter` → `status eq 'New'`).
    public var query: [(name: String, value: String)]
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Set by a server that stopped reading a body over the size limit (answered with 413).
    public var bodyExceedsLimit = false
    /// Set when the body ended before the length it announced, or could not be read: a 400.
    public var bodyIncomplete = false

    public init(method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query.map { (name: $0.0, value: $0.1) }
        self.headers = headers.map { (name: $0.0, value: $0.1) }
        self.body = body
    }

    /// The first header named `name`, ignoring case.
    public func header(_ name: String) -> String? { firstHeader(name, in: headers) }

    /// Every line of a list header (`If-Match`) as one value, joined with `, `: RFC 9110 §5.3 makes
    /// two lines the same as one comma-separated list; `nil` without any.
    public func combinedHeader(_ name: String) -> String? {
        let values = headers.filter { sameHeaderName($0.name, name) }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The first query item named `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}

/// The answer: status, headers and body bytes.
public struct SandboxResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers.map { (name: $0.0, value: $0.1) }
        self.body = body
    }

    /// The `Content-Type` of every JSON body.
    static let jsonContentType = ("Content-Type", "application/json; charset=utf-8")

    /// A JSON response.
    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [jsonContentType] + headers,
            body: JSONPrinter.compact.bytes(value))
    }

    /// The first header named `name`, ignoring case.
    public func header(_ name: String) -> String? { firstHeader(name, in: headers) }

    /// The body as JSON (tests and the client's renderer use it).
    public var json: JSONValue? { try? JSONParser.parse(bytes: body) }
}

/// A refusal: a status, the error body (written in the configured ``ErrorBody/Shape``) and
/// any headers it needs (`Retry-After`, `Allow`, `WWW-Authenticate`).
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var body: ErrorBody
    public var headers: [(String, String)] = []

    public init(_ status: Int, _ code: String, _ description: String, fields: [ErrorBody.FieldError] = [], headers: [(String, String)] = []) {
        self.status = status
        body = ErrorBody(code: code, message: description, fields: fields, source: "Referrals Sandbox")
        self.headers = headers
    }

    /// The documented code (`InvalidInput`, `PreconditionFailed`, ...).
    public var code: String { body.code ?? "" }
    /// What went wrong, in words.
    public var description: String { body.message ?? "" }

    /// A refusal of a header or query option, which the error's `target` names (`Authorization`,
    /// `If-Match`, `$filter`), as the service's errors do.
    static func about(_ target: String, _ status: Int, _ code: String, _ description: String, headers: [(String, String)] = []) -> APIError {
        APIError(status, code, description, fields: [ErrorBody.FieldError(field: target, message: "")], headers: headers)
    }

    /// OData's own words for a query option given twice (the service would otherwise pick one).
    static func repeatedOption(_ name: String) -> APIError {
        about(name, 400, "InvalidQuery", "Query option '\(name)' was specified more than once, but it must be specified at most once.")
    }

    /// An error naming one field.
    static func field(_ field: String, _ message: String, code: String = "InvalidInput") -> APIError {
        APIError(400, code, "\(field): \(message)", fields: [ErrorBody.FieldError(field: field, message: message)])
    }

    /// The answer carrying this error, its body in `shape`. In the referrals shape the code is
    /// the documented one for the status and the sandbox's own (`InvalidPatch`, ...) is the
    /// inner error's; a 412 names the `ETag` as its target, as the service does.
    public func response(_ shape: ErrorBody.Shape) -> SandboxResponse {
        switch shape {
        case .partnerCenter:
            return .json(status, body.json(shape), headers: headers)
        case .referrals where status == 429:
            // The documented throttling answer has a shape of its own.
            let seconds = headers.first { $0.0 == HeaderName.retryAfter }?.1 ?? "1"
            let body: JSONValue = ["statusCode": 429, "message": .string("Rate limit is exceeded. Try again in \(seconds) seconds.")]
            return .json(status, body, headers: headers)
        case .referrals:
            var referrals = body
            referrals.code = ErrorBody.referralsCode(status: status)
            referrals.inner = (body.code ?? "", body.message ?? "")
            if status == 412 {
                referrals.message = "A precondition provided in the request (such as an if-match header) does not match the resource's current state."
                referrals.fields = [ErrorBody.FieldError(field: "ETag", message: "")]
                referrals.inner = ("99918", "One of the specified pre-condition is not met. Etag value did not Match")
            }
            return .json(status, referrals.json(shape), headers: headers)
        }
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
    }
}
