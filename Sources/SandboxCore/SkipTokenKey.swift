import Crypto
import Foundation

/// The per-process key that signs `$skiptoken`s (``ReferralsAPI/encodeSkipToken(_:query:)``).
enum SkipTokenKey {
    static let key = SymmetricKey(size: .bits256)

    /// The token's check: the first 16 bytes of HMAC-SHA256(key, `text`), base64url without padding.
    static func tag(_ text: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)
        return SandboxJWT.base64URL(Array(mac.prefix(16)))
    }
}
