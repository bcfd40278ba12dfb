/// Text from outside (a service's error message, a customer's name, a recording's note) as it
/// may reach a terminal: control characters are written out (`\n`, `\r`, `\x1B`, `\u{202E}`), so
/// an answer cannot move the cursor, retitle the window, recolour the screen, break one line into
/// several or show its characters in another order than they are (bidirectional overrides).
public enum VisibleText {
    /// `text` with every control character (C0 but tab, DEL, C1, the bidirectional embeddings,
    /// overrides and isolates) written as an escape.
    public static func of(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case _ where scalar.value > 0xFF: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escape = "\\x" + (hex.count < 2 ? "0" + hex : hex)
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// ``of(_:)`` of the first `limit` characters of `text`, with `…` after them when it had more.
    public static func of(_ text: String, upTo limit: Int) -> String {
        of(String(text.prefix(limit))) + (text.count > limit ? "…" : "")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }
}
