/// The HTTP header names of the Referrals API, spelled once for the client and the sandbox.
public enum HeaderName {
    public static let authorization = "Authorization"
    public static let accept = "Accept"
    public static let contentType = "Content-Type"
    /// A fresh id per request, the same on each retry of it; echoed by the service.
    public static let requestId = "MS-RequestId"
    /// One id for a whole session of requests; echoed by the service.
    public static let correlationId = "MS-CorrelationId"
    public static let contractVersion = "MS-Contract-Version"
    public static let locale = "X-Locale"
    public static let userAgent = "User-Agent"
    /// The eTag a write expects the referral to have (412 when it moved).
    public static let ifMatch = "If-Match"
    /// `return=representation`: answer a PATCH with the stored referral.
    public static let prefer = "Prefer"
    public static let eTag = "ETag"
    public static let retryAfter = "Retry-After"
    public static let location = "Location"
    public static let allow = "Allow"
    public static let wwwAuthenticate = "WWW-Authenticate"
    /// The request id, as the Partner API pages also name it.
    public static let requestIdEcho = "Request-ID"
    /// The Partner API page's client id of a call, echoed in the answer.
    public static let clientRequestId = "client-request-id"
}
