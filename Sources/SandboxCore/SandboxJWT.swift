import Crypto
import Foundation
import ReferralKit

/// The sandbox's signed tokens: JWTs (HS256) for access and id tokens, and refresh tokens of the
/// same form, all signed with the sandbox's identity key, so its API can tell the tokens it
/// issued from forged ones without keeping them.
public struct SandboxJWT: Sendable {
    let key: SymmetricKey

    /// A signer with a fresh random key (a sandbox whose tokens need not outlive it).
    public init() { key = SymmetricKey(size: .bits256) }

    /// A signer with `keyBytes` (32 or more bytes), so tokens outlive a restart of the sandbox.
    public init?(keyBytes: [UInt8]) {
        guard keyBytes.count >= 32 else { return nil }
        key = SymmetricKey(data: keyBytes)
    }

    /// 32 random bytes for a key file.
    public static func newKeyBytes() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// `header.payload.signature` with `claims` as the payload.
    func sign(_ claims: JSONObject) -> String {
        let header = Self.base64URL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Self.base64URL(JSONPrinter.compact.bytes(.object(claims)))
        let signed = header + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)
        return signed + "." + Self.base64URL(Array(mac))
    }

    /// The claims of `token` when this key signed it; `nil` for anything else.
    func verify(_ token: String) -> JSONObject? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 16_384, let signature = Self.decodeBase64URL(String(parts[2])) else { return nil }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key),
            let payload = Self.decodeBase64URL(String(parts[1])),
            case .object(let claims)? = try? JSONParser.parse(bytes: payload)
        else { return nil }
        return claims
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}

/// Who a verified sandbox access token names, and until when it is good.
public struct SandboxTokenHolder: Sendable, Equatable {
    public var user: SandboxUser
    /// Seconds since 1970 after which the token is expired.
    public var expires: Double
}

extension SandboxJWT {
    /// The holder of `token` when it is an access token this sandbox issued; `nil` otherwise.
    func accessHolder(_ token: String) -> SandboxTokenHolder? {
        guard let claims = verify(token), claims["typ"]?.stringValue == "access",
            let email = claims["upn"]?.stringValue, let expires = claims["exp"]?.numberValue?.doubleValue
        else { return nil }
        let role = claims["roles"]?.arrayValue?.first?.stringValue.flatMap(ReferralRole.init(rawValue:))
        return SandboxTokenHolder(user: SandboxUser(email: email, role: role), expires: expires)
    }
}
