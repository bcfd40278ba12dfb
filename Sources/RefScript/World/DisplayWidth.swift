/// How many terminal columns text takes: a character (with its combining marks) one, an East Asian
/// wide or fullwidth one or an emoji two, so a table of customer names stays aligned in any
/// script (UAX #11, as terminals apply it).
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if isZeroWidth(first.value) { return 0 }
        if first.properties.isEmojiPresentation || character.unicodeScalars.contains("\u{FE0F}") { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    /// The longest start of `text` that fits in `columns`.
    static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var out = ""
        for character in text {
            let width = of(character)
            guard used + width <= columns else { break }
            used += width
            out.append(character)
        }
        return out
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges (emoji are told by their presentation).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default: false
        }
    }

    /// Characters a terminal draws in no column: zero-width spaces and joiners, marks of
    /// direction, word joiners, the byte order mark.
    private static func isZeroWidth(_ value: UInt32) -> Bool {
        switch value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: true
        default: false
        }
    }
}
