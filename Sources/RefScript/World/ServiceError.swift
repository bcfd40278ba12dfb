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
    /// The HTTP status, when there was a response.
    public var status: Int?

    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
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
