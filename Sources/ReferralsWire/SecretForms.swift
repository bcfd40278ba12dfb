/// The texts a secret can take once it leaves refsh's hands: itself, percent-encoded (upper- and
/// lowercase hex), its bytes in hex (a dump, a digest-like log field), folded to upper or lower
/// case, JSON-escaped (`\/`),
/// single-quoted for a shell (`'\''`), and base64 in either alphabet at each of the three
/// alignments it can have inside a longer encoded text (`Basic base64(user:token)`), so a redactor
/// finds it whatever encoding a header, URL or body put it in. docs/support.md explains the set.
public enum SecretForms {
    /// Every form of `secret` worth looking for, longest first, without repeats. A secret shorter
    /// than `encodedFrom` bytes has only its own text: the encoded forms of a short text would
    /// match too much that is not the secret.
    public static func forms(of secret: String, encodedFrom: Int = SecretKeeper.minimumLength) -> [String] {
        guard !secret.isEmpty else { return [] }
        var forms = [secret]
        if secret.utf8.count >= encodedFrom {
            forms.append(percentEncoded(secret, uppercase: true))
            forms.append(percentEncoded(secret, uppercase: false))
            forms.append(jsonEscaped(secret))
            // Inside single quotes, as a shell command line (`--curl`) writes it.
            if secret.contains("'") { forms.append(secret.replacing("'", with: "'\\''")) }
            for offset in 0..<3 {
                let core = base64Core(Array(secret.utf8), offset: offset)
                forms.append(core)
                forms.append(String(core.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }))
            }
        }
        // In hex, and folded to one case (a log that upper-cases header values): for secrets of
        // token length only, whatever `encodedFrom` says (`DEV` is not the token `dev`).
        if secret.utf8.count >= SecretKeeper.minimumLength {
            forms += [hex(secret, uppercase: false), hex(secret, uppercase: true), secret.uppercased(), secret.lowercased()]
        }
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// Every byte but the unreserved ones (RFC 3986) as `%XX`.
    static func percentEncoded(_ text: String, uppercase: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: uppercase)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Each UTF-8 byte as two hex digits.
    static func hex(_ text: String, uppercase: Bool) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text as a JSON string's content, with `/` escaped as many encoders do.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/": out += "\\/"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The base64 characters that depend only on `bytes` when they follow `offset` other bytes:
    /// what any base64 text containing them at that alignment has, whatever surrounds them.
    static func base64Core(_ bytes: [UInt8], offset: Int) -> String {
        let padded = [UInt8](repeating: 0, count: offset) + bytes
        let encoded = base64(padded)
        let first = (offset * 8 + 5) / 6
        let last = (padded.count * 8) / 6
        guard last > first else { return "" }
        return String(encoded.dropFirst(first).prefix(last - first))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 without padding.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for byte in chunk { value = value << 8 | Int(byte) }
            value <<= 8 * (3 - chunk.count)
            for position in 0..<(chunk.count + 1) { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
