import Foundation
import ReferralKit
import ReferralsWire

/// A successful answer of a token endpoint: the access token and, when asked for with
/// `offline_access`, a refresh token and an id token.
public struct TokenAnswer: Sendable {
    public var accessToken: Secret
    public var refreshToken: Secret?
    public var idToken: Secret?
    /// Seconds the access token is good for, from when it was issued.
    public var expiresIn: Double

    /// The answer in `object`, its tokens remembered by `keeper`; an error when a token is
    /// missing or malformed (the message never shows a token).
    public static func read(_ object: JSONObject, keeper: SecretKeeper) throws(ServiceError) -> TokenAnswer {
        func token(_ name: String) throws(ServiceError) -> Secret? {
            guard let value = object[name] else { return nil }
            guard let text = value.stringValue, !text.isEmpty, text.utf8.count <= 16_384,
                text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
            else {
                throw ServiceError(
                    .unavailable, "the identity endpoint's \(name) is not a token (one word of printable ASCII)",
                    origin: .malformedAnswer(status: 200))
            }
            let secret = Secret(text)
            keeper.remember(secret)
            return secret
        }
        // Remember every token first, so a later refusal cannot quote one unredacted.
        let access = try token("access_token")
        let refresh = try token("refresh_token")
        let id = try token("id_token")
        guard let access else {
            throw ServiceError(.unavailable, "the identity endpoint's answer has no access_token", origin: .malformedAnswer(status: 200))
        }
        if let type = object["token_type"]?.stringValue, type.lowercased() != "bearer" {
            throw ServiceError(
                .unavailable, "the identity endpoint issued a \(type.prefix(20)) token, not a Bearer token", origin: .malformedAnswer(status: 200))
        }
        // Entra's v1 endpoints send numbers as strings.
        let lifetime = object["expires_in"]?.seconds ?? 3600
        return TokenAnswer(accessToken: access, refreshToken: refresh, idToken: id, expiresIn: max(0, min(lifetime, 366 * 86_400)))
    }
}

/// The claims of a JWT that say who signed in (read, not verified: refsh only shows them).
public struct TokenClaims: Sendable, Equatable {
    /// `preferred_username`, `upn`, `email` or `unique_name`.
    public var user: String?
    /// `tid`: the tenant id.
    public var tenantId: String?
    /// `exp`: seconds since 1970.
    public var expires: Double?

    /// The claims of `token`, or `nil` when it is not a JWT.
    public static func of(_ token: String) -> TokenClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = String(parts[1]).replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let payload = Data(base64Encoded: base64), case .object(let claims)? = try? JSONParser.parse(bytes: Array(payload)) else {
            return nil
        }
        let user = ["preferred_username", "upn", "email", "unique_name"].lazy.compactMap { claims[$0]?.stringValue }.first
        return TokenClaims(
            user: user.map { String($0.prefix(254)) }, tenantId: claims["tid"]?.stringValue.map { String($0.prefix(100)) },
            expires: plausibleTime(claims["exp"]?.numberValue?.doubleValue))
    }
}
