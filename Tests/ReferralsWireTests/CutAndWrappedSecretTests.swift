import Foundation
import Testing

@testable import ReferralsWire

/// What is left of a secret where a message was cut short, and a secret's base64 or shell-quoted
/// form inside another encoding, are taken out as the secret is.
@Suite struct CutAndWrappedSecretTests {
    static let secret = "rgOkPDq7" + String(repeating: "Zx9_Km-3Vb/Q+", count: 30) + "??>>~~end="

    func keeper() -> SecretKeeper {
        let keeper = SecretKeeper()
        keeper.remember(Secret(Self.secret))
        return keeper
    }

    @Test func theBeginningOfASecretCutShortIsTakenOut() {
        let keeper = keeper()
        // A server's 1,024-character message, a token command's stderr cut at 300 characters.
        let cut = String(Self.secret.prefix(272))
        #expect(keeper.redact("token-check: server refused " + cut) == "token-check: server refused <redacted>")
        #expect(keeper.redact("refused " + cut + "…") == "refused <redacted>…")
        // A parser that stopped inside it quotes its first 16 characters.
        let sixteen = String(Self.secret.prefix(16))
        #expect(keeper.redact("expected '.' after \(sixteen), found '+'") == "expected '.' after <redacted>, found '+'")
        // Cut inside a JSON string, where its '/' is written `\/`.
        let escaped = cut.replacingOccurrences(of: "/", with: "\\/")
        #expect(keeper.redact("{\"message\":\"refused \(escaped)\"}") == "{\"message\":\"refused <redacted>\"}")
        // Only what the secret and the text share goes.
        #expect(keeper.redact("x" + String(Self.secret.prefix(20)) + "#tail") == "x<redacted>#tail")
    }

    @Test func shorterBeginningsAndOtherTextStay() {
        let keeper = keeper()
        let fifteen = String(Self.secret.prefix(15))
        #expect(keeper.redact("a \(fifteen) b") == "a \(fifteen) b", "15 characters are too few to be the secret's")
        #expect(keeper.redact("rgOkPDq7 alone") == "rgOkPDq7 alone")
    }

    @Test func base64InsideAnotherEncodingIsTakenOut() {
        let keeper = keeper()
        let basic = Data(("user:" + Self.secret).utf8).base64EncodedString()
        #expect(basic.contains("/"), "the case needs a '/' to escape")
        // JSON-escaped (`\/`), then JSON-escaped again (`\\/`, a HAR holding a JSON body).
        let escaped = basic.replacingOccurrences(of: "/", with: "\\/")
        let twice = escaped.replacingOccurrences(of: "\\", with: "\\\\")
        let percent = basic.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        for (how, text) in [("escaped", escaped), ("escaped twice", twice), ("percent-encoded", percent)] {
            let redacted = keeper.redact("{\"message\":\"credential \(text) rejected\"}")
            #expect(redacted == "{\"message\":\"credential <redacted> rejected\"}", "\(how): \(redacted)")
        }
    }

    @Test func aSecretHoldingAQuoteIsTakenOutOfAShellWord() {
        let keeper = SecretKeeper()
        let secret = "Qm9vZ3VzVG9rZW4'AbcdefGhijk0123456789xyz!"
        keeper.remember(Secret(secret))
        let curl = "--data-binary '[{\"value\":\"n " + secret.replacingOccurrences(of: "'", with: "'\\''") + "\"}]'"
        #expect(keeper.redact(curl) == "--data-binary '[{\"value\":\"n <redacted>\"}]'")
    }
}
