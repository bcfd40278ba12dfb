import ReferralKit
import ReferralsWire

/// Reads an error answer into a ``ServiceError``: status, documented code, description, the
/// fields named, the attempts and the request id, all as values.
enum ErrorResponse {
    static func serviceError(_ response: HTTPResponseData, method: String, requestId: String, attempts: Int, keeper: SecretKeeper) -> ServiceError {
        var body = JSONParser.parseIfPossible(response.body).flatMap(ErrorBody.read)
        if body == nil, !response.body.isEmpty {
            let raw = String(decoding: response.body.prefix(300), as: UTF8.self)
            body = ErrorBody(code: nil, message: raw.split(whereSeparator: \.isNewline).first.map(String.init))
        }
        // The service's words are not ours to trust: take out any secret they quote.
        let scrub = { (text: String) in keeper.redact(text) }
        let message = body?.message.flatMap { $0.isEmpty ? nil : $0 } ?? advice(for: response)
        return ServiceError(
            ServiceError.kind(status: response.status, code: body?.inner?.code == "2055" ? "2055" : body?.code), scrub(message),
            origin: .response(status: response.status), method: method, code: body?.code.map(scrub),
            targets: (body?.targets ?? []).map(scrub), attempts: attempts, requestId: requestId)
    }
}

extension ErrorResponse {
    /// What an answer that says nothing itself means, for the statuses where refsh can tell.
    static func advice(for response: HTTPResponseData) -> String {
        switch response.status {
        case 300..<400:
            let location = response.header(HeaderName.location).map { " to " + VisibleText.of(String($0.prefix(200))) } ?? ""
            return "the service redirected\(location); refsh follows no redirect (the token would go with it): check the endpoint URL"
        case 401:
            return "the token was not accepted: sign in with login, or set one with token or REFSH_TOKEN"
        default:
            return ""
        }
    }
}

extension JSONParser {
    /// The value in `bytes`, or `nil` when they are not JSON.
    public static func parseIfPossible(_ bytes: [UInt8]) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        return try? JSONParser.parse(bytes: bytes)
    }
}
