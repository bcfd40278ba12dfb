import Foundation
import ReferralKit
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

    /// An end or a middle of a secret is as much the secret as its beginning: a message cut at
    /// the front, a token wrapped by a log or a mailer (each line a piece of 16 bytes or more).
    @Test func anEndAMiddleAndTheLinesOfAWrappedSecretAreTakenOut() {
        let token = "Xq7Lm2Pz9Rt4Vw8Ks3Nb6Hd1Fg5Jc0YaUe2Wo4"
        let keeper = SecretKeeper()
        keeper.remember(Secret(token))
        #expect(keeper.redact("…" + String(token.suffix(17)) + "' is invalid") == "…<redacted>' is invalid")
        #expect(keeper.redact("[" + String(token.dropFirst(5).prefix(20)) + "]") == "[<redacted>]")
        let wrapped = stride(from: 0, to: token.count, by: 18).map { String(token.dropFirst($0).prefix(18)) }.joined(separator: "\n")
        #expect(keeper.redact("token:\n" + wrapped) == "token:\n<redacted>\n<redacted>\n" + String(token.suffix(2)))
        // Around text that is not ASCII, its characters stay whole.
        #expect(keeper.redact("é" + String(token.dropFirst(3)) + "\u{301}ü") == "é<redacted>\u{301}ü")
    }

    /// A readable secret (an email, as the sandbox takes for a user's token) shares its pieces
    /// with ordinary text: its neighbours at the same domain stay, its beginning still goes.
    @Test func aReadableSecretsNeighboursStay() {
        let keeper = SecretKeeper()
        keeper.remember(Secret("ann@fabrikam-partners.com"))
        let text = "bob@fabrikam-partners.com https://fabrikam-partners.com/leads"
        #expect(keeper.redact(text) == text)
        #expect(keeper.redact("to ann@fabrikam-partners.com") == "to <redacted>")
        #expect(keeper.redact("cut: ann@fabrikam-partn…") == "cut: <redacted>…")
    }

    /// The rolling-hash search finds exactly the pieces a plain search of every window finds.
    @Test func thePieceSearchAgreesWithAPlainSearch() {
        // Token-shaped (pieces are looked for in those only), two with runs that repeat.
        let secrets = ["Xq7Lm2Pz9Rt4Vw8Ks3Nb6Hd1Fg5Jc0Ya", "Aa1Aa1Aa1Aa1Aa1Aa1Aa1Aa1Aa1Bb2", "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Zz9Yy8Xx7"]
        #expect(secrets.allSatisfy(SecretPieces.covers))
        let pieces = SecretPieces(secrets)
        var rng = SplitMix64(seed: 0xC07)
        let alphabet = Array("aAXq7Lm2Zz9Yy8b1B-é\n")
        var found = 0
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(1 + rng.next() % 5) {
                if rng.next() % 2 == 0 {
                    let secret = Array(secrets[Int(rng.next() % UInt64(secrets.count))])
                    let start = Int(rng.next() % UInt64(secret.count))
                    let length = Int(rng.next() % UInt64(secret.count - start + 1))
                    text += String(secret[start..<start + length])
                } else {
                    text += String((0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
                }
            }
            let plain = Self.plainSearch(text, secrets)
            #expect((pieces.redacted(text) ?? text) == plain, "\(text.debugDescription)")
            if plain != text { found += 1 }
        }
        #expect(found > 300, "pieces must be common: \(found)")
    }

    /// Left to right, at each byte the longest run of 16 or more bytes that some secret holds.
    static func plainSearch(_ text: String, _ secrets: [String]) -> String {
        let bytes = Array(text.utf8)
        let secretBytes = secrets.map { Array($0.utf8) }
        var output: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var longest = 0
            for secret in secretBytes {
                for offset in secret.indices {
                    var length = 0
                    while start + length < bytes.count, offset + length < secret.count, bytes[start + length] == secret[offset + length] {
                        length += 1
                    }
                    longest = max(longest, length)
                }
            }
            if longest >= 16 {
                output += Array("<redacted>".utf8)
                start += longest
            } else {
                output.append(bytes[start])
                start += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
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
