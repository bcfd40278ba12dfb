import ReferralKit

/// An error of the identity side in Microsoft Entra ID's shape (RFC 6749 section 5.2 plus
/// Entra's fields): `{"error", "error_description": "AADSTS<n>: …", "error_codes": [n],
/// "timestamp", "trace_id", "correlation_id", "error_uri"}`.
struct EntraFailure: Error, Sendable {
    var error: String
    var status: Int
    var number: Int
    var text: String

    init(_ error: String, _ status: Int, _ number: Int, _ text: String) {
        self.error = error
        self.status = status
        self.number = number
        self.text = text
    }

    func response(traceId: String, correlationId: String, now: String) -> SandboxResponse {
        let timestamp = String(now.prefix(19)).replacing("T", with: " ") + "Z"
        var body = JSONObject()
        body["error"] = .string(error)
        body["error_description"] = .string(
            "AADSTS\(number): \(text) Trace ID: \(traceId) Correlation ID: \(correlationId) Timestamp: \(timestamp)")
        body["error_codes"] = .array([.int(number)])
        body["timestamp"] = .string(timestamp)
        body["trace_id"] = .string(traceId)
        body["correlation_id"] = .string(correlationId)
        body["error_uri"] = .string("https://login.microsoftonline.com/error?code=\(number)")
        return .json(status, .object(body))
    }
}
