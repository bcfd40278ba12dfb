import ReferralKit
import Testing

@testable import ReferralsWire

/// `SecretKeeper.redact` (ASCII text searched by bytes) against the search by characters: the
/// same text out, for texts mixing every form of long and short secrets with the characters where
/// bytes and characters part ways (a combining mark, CR LF, the Kelvin sign that equals `K`),
/// percent signs and backslashes.
@Suite struct RedactFastPathTests {
    static let secrets = ["eyJ0eXAiOiJKV1QiLCJhbGciOi.payload-part_9", "bench", "Kelvin-token-0123456789", "tökén-0123456789abcdef"]
    static let plain = ["a", " ", "Bearer ", "=", "&", "%", "\\", "\r\n", "\u{301}", "é", "\u{212A}", "-", "\n", "\"", "/"]

    @Test func searchingBytesAgreesWithSearchingCharacters() {
        let keeper = SecretKeeper()
        for secret in Self.secrets { keeper.remember(Secret(secret)) }
        let pieces =
            Self.plain + Self.secrets.flatMap { SecretForms.forms(of: $0) } + Self.secrets.map { String($0.dropFirst(3)) }
            + Self.secrets.map { String($0.dropFirst()) }
        var rng = SplitMix64(seed: 0x5EC2E7)
        var ascii = 0, other = 0, changed = 0
        for _ in 0..<3000 {
            let text = (0..<Int(1 + rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let fast = keeper.redact(text)
            #expect(fast == keeper.redact(text, bytewise: false), "\(text.debugDescription)")
            if text.utf8.allSatisfy({ $0 < 0x80 }) { ascii += 1 } else { other += 1 }
            if fast != text { changed += 1 }
        }
        #expect(ascii > 1000 && other > 500 && changed > 1000, "\(ascii) ASCII, \(other) not, \(changed) redacted: all must be common")
    }

    @Test func bytesAreSearchedWhereTheyMayBe() {
        #expect(ByteSearch.contains("abcabd".utf8, "abd".utf8))
        #expect(!ByteSearch.contains("abcab".utf8, "abd".utf8))
        #expect(ByteSearch.contains("abc".utf8, "".utf8))
        #expect(!ByteSearch.contains("ab".utf8, "abc".utf8))
    }
}
