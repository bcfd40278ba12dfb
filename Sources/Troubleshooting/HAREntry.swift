import Foundation
import ReferralKit
import ReferralsWire

/// One exchange as a HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/): the
/// request and response in full, `cache`, `timings`, and refsh's own `_refsh` member (the
/// attempt, a failure's details, the request-body pointers whose values were replaced).
enum HAREntry {
    /// - Parameter redact: applied once more to each decoded query parameter (decoding may
    ///   reveal what the encoded URL hid).
    static func json(_ exchange: RedactedExchange, redact: (String) -> String = { $0 }) -> JSONValue {
        let milliseconds = JSONValue.number(number(exchange.duration * 1000))
        var entry = JSONObject()
        entry["startedDateTime"] = .string(timestamp(exchange.started))
        entry["time"] = milliseconds
        entry["request"] = .object(request(exchange, redact: redact))
        entry["response"] = .object(response(exchange))
        entry["cache"] = .object(JSONObject())
        entry["timings"] = ["send": .int(0), "wait": milliseconds, "receive": .int(0)]
        var refsh = JSONObject()
        refsh["attempt"] = .int(exchange.attempt)
        if let strand = exchange.strand { refsh["strand"] = .string(strand) }
        if let failure = exchange.failure {
            refsh["failure"] = [
                "message": .string(failure), "mayHaveBeenProcessed": .bool(exchange.mayHaveBeenProcessed), "isPermanent": .bool(exchange.isPermanent),
            ]
            entry["_error"] = .string(failure)  // where browsers put a failed request's reason
        }
        if !exchange.redactedRequestPaths.isEmpty { refsh["redactedPaths"] = .array(exchange.redactedRequestPaths.map(JSONValue.string)) }
        entry["_refsh"] = .object(refsh)
        return .object(entry)
    }

    private static func request(_ exchange: RedactedExchange, redact: (String) -> String) -> JSONObject {
        var request = JSONObject()
        request["method"] = .string(exchange.method)
        request["url"] = .string(exchange.url)
        request["httpVersion"] = "HTTP/1.1"
        request["cookies"] = []
        request["headers"] = headers(exchange.requestHeaders)
        let query = PercentEncoding.decodeTarget(AbsoluteURL(exchange.url)?.pathAndQuery ?? exchange.url).query
        request["queryString"] = .array(query.map { ["name": .string(redact($0.0)), "value": .string(redact($0.1))] })
        if let body = exchange.requestBody {
            var postData = JSONObject()
            postData["mimeType"] = .string(body.mimeType)
            postData["text"] = .string(body.text)
            if body.isBase64 { postData["_encoding"] = "base64" }
            request["postData"] = .object(postData)
        }
        request["headersSize"] = .int(-1)
        request["bodySize"] = .int(exchange.requestBody?.storedSize ?? 0)
        return request
    }

    private static func response(_ exchange: RedactedExchange) -> JSONObject {
        var response = JSONObject()
        response["status"] = .int(exchange.status)
        response["statusText"] = .string(exchange.status == 0 ? "" : HTTPStatusText.reason(exchange.status))
        response["httpVersion"] = .string(exchange.status == 0 ? "" : "HTTP/1.1")
        response["cookies"] = []
        response["headers"] = headers(exchange.responseHeaders)
        var content = JSONObject()
        content["size"] = .int(exchange.responseBody?.storedSize ?? 0)
        content["mimeType"] = .string(exchange.responseBody?.mimeType ?? exchange.responseHeader(HeaderName.contentType) ?? "")
        if let body = exchange.responseBody {
            content["text"] = .string(body.text)
            if body.isBase64 { content["encoding"] = "base64" }
        }
        response["content"] = .object(content)
        response["redirectURL"] = .string(exchange.responseHeader("Location") ?? "")
        response["headersSize"] = .int(-1)
        response["bodySize"] = .int(exchange.status == 0 ? -1 : exchange.responseBody?.storedSize ?? 0)
        return response
    }

    private static func headers(_ headers: [(name: String, value: String)]) -> JSONValue {
        .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// `2026-12-03T14:05:06.789Z`.
    static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// A JSON number with at most three decimals.
    static func number(_ value: Double) -> JSONNumber {
        let rounded = (max(0, value.isFinite ? value : 0) * 1000).rounded() / 1000
        return JSONNumber(literal: String(rounded)) ?? JSONNumber(0)
    }
}
