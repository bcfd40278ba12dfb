import Client
import Foundation
import ReferralKit
import ReferralsWire

/// Talks to an identity endpoint's device-code and token URLs over an ``HTTPTransport``: a form
/// POST, and the answer as the JSON object of a success or an ``EntraError``.
public struct IdentityClient: Sendable {
    /// What an identity endpoint answered.
    public enum Answer: Sendable {
        case success(JSONObject)
        case failure(EntraError, status: Int)
    }

    /// The largest answer read (Entra's are a few KiB).
    public static let maximumAnswerBytes = 256 * 1024
    /// Makes the transport of one request, shut down after it (sign-in requests are few).
    let makeTransport: @Sendable () -> any HTTPTransport
    let keeper: SecretKeeper
    let timeoutSeconds: Double

    public init(makeTransport: @escaping @Sendable () -> any HTTPTransport, keeper: SecretKeeper, timeoutSeconds: Double = 30) {
        self.makeTransport = makeTransport
        self.keeper = keeper
        self.timeoutSeconds = timeoutSeconds
    }

    /// POSTs `form` to `{authority}/{tenant}/oauth2/v2.0/{name}`. Throws when no answer came, or
    /// when the answer is neither a JSON object with `success` nor an OAuth error.
    public func post(_ name: String, form: [(String, String)], to endpoint: IdentityEndpoint, success: String) async throws(ServiceError)
        -> Answer
    {
        let body = form.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
            ("client-request-id", UUID().uuidString.lowercased()), ("return-client-request-id", "true"),
            (HeaderName.userAgent, "refsh/0.9"),
        ]
        if let credential = endpoint.processCredential {
            keeper.remember(credential)
            headers.insert((HeaderName.authorization, "Bearer " + credential.reveal()), at: 0)
        }
        let url = endpoint.url(name)
        let path = AbsoluteURL(url)?.pathAndQuery ?? url
        let response: HTTPResponseData
        let transport = makeTransport()
        do {
            defer { Task { await transport.shutdown() } }
            response = try await transport.send(
                HTTPRequestData(method: "POST", url: url, headers: headers, body: Array(body.utf8)), timeoutSeconds: timeoutSeconds)
        } catch {
            if Task.isCancelled { throw ServiceError(.cancelled, "cancelled", origin: .transport(path: path), method: "POST") }
            throw ServiceError(.unavailable, keeper.redact(error.message), origin: .transport(path: path), method: "POST")
        }
        guard response.body.count <= Self.maximumAnswerBytes else {
            throw ServiceError(
                .unavailable, "the identity endpoint's answer is larger than \(Self.maximumAnswerBytes / 1024) KiB",
                origin: .malformedAnswer(status: response.status), method: "POST \(path)")
        }
        let json = JSONParser.parseIfPossible(response.body)
        if (200..<300).contains(response.status), let object = json?.objectValue, object[success]?.stringValue?.isEmpty == false {
            return .success(object)
        }
        if let error = EntraError.parse(json) {
            var scrubbed = error
            scrubbed.description = keeper.redact(error.description)
            return .failure(scrubbed, status: response.status)
        }
        let what = json == nil ? "not JSON" : "not the documented answer (no \(success))"
        throw ServiceError(
            .unavailable, "the identity endpoint answered \(response.status) with a body that is \(what)",
            origin: .malformedAnswer(status: response.status), method: "POST \(path)")
    }
}
