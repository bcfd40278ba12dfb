import ReferralKit

/// The body of an error answer, in either documented shape: the referrals service's
/// `{"error": {"code", "message", "target", "innerError"}}` or the Partner Center schema
/// `{"code", "description", "data": [{"field", "message"}], "source"}`. The sandbox writes it,
/// the client reads it; see docs/api-choices.md for which shape is whose.
public struct ErrorBody: Sendable, Equatable {
    /// One of the two shapes.
    public enum Shape: String, Sendable, CaseIterable {
        /// `{"error": {"code", "message", "target", "innerError"}}`.
        case referrals
        /// `{"code", "description", "data", "source"}`.
        case partnerCenter = "partner-center"
    }

    /// One invalid field: its path (`details.dealValue`) and what is wrong with it.
    public struct FieldError: Sendable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// A message longer than this is cut (the documented limit).
    public static let maximumMessageLength = 1024

    /// The documented code: `InvalidInput`, `preconditionFailed`, `2055`, ...
    public var code: String?
    /// What went wrong, in words (`description` in the Partner Center shape).
    public var message: String?
    /// The fields the error is about, first the one named as `target`.
    public var fields: [FieldError]
    /// Who answered (`source` of the Partner Center shape).
    public var source: String?
    /// The referrals shape's `innerError`: a more specific code and message (`99918`, "Etag value
    /// did not Match").
    public var inner: (code: String, message: String)?

    public init(
        code: String?, message: String?, fields: [FieldError] = [], source: String? = nil, inner: (code: String, message: String)? = nil
    ) {
        self.code = code
        self.message = message.map { String($0.prefix(Self.maximumMessageLength)) }
        self.fields = fields
        self.source = source
        self.inner = inner.map { ($0.code, String($0.message.prefix(Self.maximumMessageLength))) }
    }

    public static func == (lhs: ErrorBody, rhs: ErrorBody) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.fields == rhs.fields && lhs.source == rhs.source
            && lhs.inner?.code == rhs.inner?.code && lhs.inner?.message == rhs.inner?.message
    }

    /// The referrals service's documented code for an error status: `invalidRequest` (400 and
    /// other refusals of the request), `unauthenticated` (401), `accessDenied` (403),
    /// `itemNotFound` (404), `resourceModified` (409), `preconditionFailed` (412),
    /// `serviceNotAvailable` (503 and other unavailability), `generalException` (500).
    public static func referralsCode(status: Int) -> String {
        switch status {
        case 401: "unauthenticated"
        case 403: "accessDenied"
        case 404: "itemNotFound"
        case 409: "resourceModified"
        case 412: "preconditionFailed"
        case 502, 503, 504, 408: "serviceNotAvailable"
        case 500...: "generalException"
        default: "invalidRequest"
        }
    }

    /// The field paths, in order.
    public var targets: [String] { fields.map(\.field) }

    /// The body as JSON, in `shape`.
    public func json(_ shape: Shape) -> JSONValue {
        var body = JSONObject()
        switch shape {
        case .partnerCenter:
            body["code"] = .string(code ?? "")
            body["description"] = .string(message ?? "")
            if !fields.isEmpty {
                body["data"] = .array(fields.map { ["field": .string($0.field), "message": .string($0.message)] })
            }
            if let source { body["source"] = .string(source) }
            return .object(body)
        case .referrals:
            body["code"] = .string(code ?? "")
            body["message"] = .string(message ?? "")
            body["target"] = fields.first.map { .string($0.field) } ?? .null
            if inner != nil || fields.count > 1 {
                var innerError = JSONObject()
                innerError["code"] = .string(inner?.code ?? "")
                innerError["message"] = .string(inner?.message ?? "")
                innerError["details"] =
                    fields.count > 1 ? .array(fields.map { ["target": .string($0.field), "message": .string($0.message)] }) : .null
                body["innerError"] = .object(innerError)
            } else {
                body["innerError"] = .null
            }
            return ["error": .object(body)]
        }
    }

    /// The error in `value`, read from either shape; `nil` when it is not a JSON object.
    public static func read(_ value: JSONValue) -> ErrorBody? {
        guard let object = value.objectValue else { return nil }
        if let inner = object["error"]?.objectValue {
            var fields: [FieldError] = []
            if let target = text(inner["target"]) { fields.append(FieldError(field: target, message: "")) }
            for detail in inner["innerError"]?.objectValue?["details"]?.arrayValue ?? [] {
                if let field = text(detail.objectValue?["target"]), !fields.contains(where: { $0.field == field }) {
                    fields.append(FieldError(field: field, message: text(detail.objectValue?["message"]) ?? ""))
                }
            }
            let innerError = inner["innerError"]?.objectValue
            let innerCode = text(innerError?["code"]).flatMap { $0.isEmpty ? nil : $0 }
            return ErrorBody(
                code: text(inner["code"]), message: text(inner["message"]), fields: fields,
                inner: innerCode.map { ($0, text(innerError?["message"]) ?? "") })
        }
        let fields = (object["data"]?.arrayValue ?? []).compactMap { item -> FieldError? in
            guard let field = text(item.objectValue?["field"]) else { return nil }
            return FieldError(field: field, message: text(item.objectValue?["message"]) ?? "")
        }
        return ErrorBody(
            code: text(object["code"]), message: text(object["description"]) ?? text(object["message"]), fields: fields,
            source: text(object["source"]))
    }

    /// A string, or a number's literal (codes such as 2055 come as either).
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .number(let n)?: n.literal
        default: nil
        }
    }
}
