import ReferralKit
import RefScript

/// Turns an error response into the one-line ``ServiceError`` users see: status, error code,
/// description, the field when named, and the request id support will ask for.
enum ErrorResponse {
    static func serviceError(_ response: HTTPResponseData, method: String, requestId: String, attempts: Int, token: Secret?) -> ServiceError {
        let status = response.status
        let body = JSONParser.parseIfPossible(response.body)
        var code: String?
        var description: String?
        var fields: [String] = []
        if let object = body?.objectValue {
            if let inner = object["error"]?.objectValue {  // {"error": {"code", "message", "target"}}
                code = text(inner["code"])
                description = text(inner["message"])
                if let target = text(inner["target"]) { fields.append(target) }
            } else {  // {"code", "description", "data": [{"field", "message"}], "source"}
                code = text(object["code"])
                description = text(object["description"]) ?? text(object["message"])
                for item in object["data"]?.arrayValue ?? [] {
                    if let field = text(item.objectValue?["field"]) { fields.append(field) }
                }
            }
        } else if !response.body.isEmpty {
            let raw = String(decoding: response.body.prefix(300), as: UTF8.self)
            description = raw.split(whereSeparator: \.isNewline).first.map(String.init)
        }
        var message = "\(method) \(status) \(reason(status))"
        if let code, !code.isEmpty { message += ": \(code)" }
        if let description, !description.isEmpty { message += ": \(description)" }
        if !fields.isEmpty, !(description ?? "").contains(fields[0]) { message += " (field \(fields.joined(separator: ", ")))" }
        if attempts > 1 { message += " after \(attempts) attempts" }
        message += " [request \(requestId)]"
        if let token { message = token.redacted(in: message) }
        return ServiceError(kind(status: status, code: code), message, status: status)
    }

    /// 412, 409 and a 400 with code 2055 ("Etag is no longer valid") are conflicts; 408, 429 and
    /// 5xx mean the service is unavailable; everything else is a refusal.
    static func kind(status: Int, code: String?) -> ServiceError.Kind {
        if status == 412 || status == 409 || (status == 400 && code == "2055") { return .conflict }
        if status == 408 || status == 429 || status >= 500 { return .unavailable }
        return .rejected
    }

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .number(let n)?: n.literal
        default: nil
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}

extension JSONParser {
    /// The value in `bytes`, or `nil` when they are not JSON.
    static func parseIfPossible(_ bytes: [UInt8]) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        return try? JSONParser.parse(bytes: bytes)
    }
}
