/// Splits RefScript text into words and separators.
///
/// Words are separated by spaces and tabs; newline and `;` end a statement; `#` at the start of
/// a word comments out the rest of the line; `\` at the end of a line continues it. A word that
/// starts with `{` or `[` runs until its brackets balance (it may span lines); `(` at the start
/// of a word opens a command substitution up to its `)`. See docs/language.md.
struct Lexer {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var column = 1
    /// The parts of the word being read, and its text not yet made a part: kept from word to
    /// word, so reading one allocates only its strings.
    var parts: [Word.Part] = []
    var pending: [UInt8] = []

    init(_ text: String, file: String) {
        self.init(bytes: Array(text.utf8), file: file)
    }

    /// A lexer over UTF-8 bytes (shared, not copied, by lexers of the same text), starting at
    /// `offset`, which is at `line` and `column`.
    init(bytes: [UInt8], file: String, startingAt offset: Int = 0, line: Int = 1, column: Int = 1) {
        self.bytes = bytes
        self.file = file
        // A byte order mark (Windows editors write one) is not text: skipped, column 1 stays.
        index = offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : offset
        self.line = line
        self.column = column
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func advance() {
        let byte = bytes[index]
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    /// The next token: a word, a statement end (newline or `;`), `(` opening a substitution, or
    /// (inside one) the `)` that closes it; `.end` when the text is used up. The parser pulls
    /// tokens one at a time, so no list of them is ever built.
    mutating func nextToken(inSubstitution: Bool) throws(RefScriptError) -> Token {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D:
                advance()
            case 0x0A, UInt8(ascii: ";"):
                let at = location
                advance()
                return .separator(at)
            case UInt8(ascii: "#"):
                while let b = current, b != 0x0A { advance() }
            case UInt8(ascii: "\\") where peek(1) == 0x0A || (peek(1) == 0x0D && peek(2) == 0x0A):
                try continuation()
            case UInt8(ascii: ")") where inSubstitution:
                advance()
                return .close
            case UInt8(ascii: "("):
                let at = location
                let startIndex = index
                advance()
                return .open(at, startIndex: startIndex)
            default:
                let before = index
                let word = try word(inSubstitution: inSubstitution)
                if index == before {  // never loop without consuming input
                    throw RefScriptError(.syntax, "unexpected character", at: location)
                }
                return .word(word)
            }
        }
        return .end
    }

    /// After the `)` of a substitution: the next byte must end the word.
    func expectWordEndAfterSubstitution(inSubstitution: Bool) throws(RefScriptError) {
        if let b = current, !isWordEnd(b, inSubstitution: inSubstitution) {
            throw RefScriptError(.syntax, "unexpected text right after ')'; put a space after it", at: location)
        }
    }

    private mutating func continuation() throws(RefScriptError) {
        let at = location
        advance()
        if current == 0x0D { advance() }
        advance()
        if current == nil {
            throw RefScriptError(.syntax, "the line continues ('\\') but the input ends", at: at, incomplete: true)
        }
    }

    func isWordEnd(_ byte: UInt8, inSubstitution: Bool) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ";"): true
        case UInt8(ascii: ")"): inSubstitution
        default: false
        }
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// One word at the cursor.
    mutating func word(inSubstitution: Bool) throws(RefScriptError) -> Word {
        if let plain = plainWord(inSubstitution: inSubstitution) { return plain }
        return try generalWord(inSubstitution: inSubstitution)
    }

    /// One word at the cursor by the full reader alone, without the ``plainWord(inSubstitution:)`` fast path.
    mutating func generalWord(inSubstitution: Bool) throws(RefScriptError) -> Word {
        let start = location
        let startIndex = index
        if current == UInt8(ascii: "{") || current == UInt8(ascii: "[") {
            try skipBalanced()
            while let b = current, !isWordEnd(b, inSubstitution: inSubstitution) { advance() }
            let raw = text(startIndex..<index)
            return Word(.bracketed(raw), location: start, raw: raw)
        }
        parts.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        while let byte = current, !isWordEnd(byte, inSubstitution: inSubstitution) {
            switch byte {
            case UInt8(ascii: "\""):
                flushPending()
                try doubleQuoted()
            case UInt8(ascii: "'"):
                flushPending()
                parts.append(.quoted(try singleQuoted()))
            case UInt8(ascii: "$"):
                if let reference = try variable() {
                    flushPending()
                    parts.append(.variable(reference))
                } else {
                    pending.append(byte)
                    advance()
                }
            case UInt8(ascii: "\\"):
                if peek(1) == nil {
                    throw RefScriptError(.syntax, "the line continues ('\\') but the input ends", at: location, incomplete: true)
                }
                if peek(1) == 0x0A || (peek(1) == 0x0D && peek(2) == 0x0A) {
                    return takeWord(at: start, raw: text(startIndex..<index))
                }
                advance()
                let escapedStart = index
                advance()
                while let b = current, b & 0xC0 == 0x80 { advance() }
                pending.append(contentsOf: bytes[escapedStart..<index])
            default:
                pending.append(byte)
                advance()
            }
        }
        return takeWord(at: start, raw: text(startIndex..<index))
    }

    /// Makes the unquoted text read so far a part of the word.
    mutating func flushPending() {
        if !pending.isEmpty {
            parts.append(.bare(String(decoding: pending, as: UTF8.self)))
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The word of the parts read (the lists are kept for the next word).
    private mutating func takeWord(at start: SourceLocation, raw: String) -> Word {
        flushPending()
        let word = Word(parts: parts, location: start, raw: raw)
        parts.removeAll(keepingCapacity: true)
        return word
    }

    /// The common word, plain ASCII with no quotes, `$`, `\\`, `{` or `[` up to its end, made in
    /// one step; `nil` (cursor unmoved) for any other word, which ``generalWord(inSubstitution:)`` reads.
    mutating func plainWord(inSubstitution: Bool) -> Word? {
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if Self.isPlain(byte) { end += 1; continue }
            guard isWordEnd(byte, inSubstitution: inSubstitution) else { return nil }
            break
        }
        guard end > index, bytes[index] != UInt8(ascii: "{"), bytes[index] != UInt8(ascii: "[") else { return nil }
        let start = location
        let text = text(index..<end)
        column += end - index
        index = end
        return Word(.bare(text), location: start, raw: text)
    }

    /// Bytes of a plain word: printable ASCII but for quotes, `$`, `\\` and `;`; `(`, `)` and `#`
    /// are left to the full reader too, which knows where they are special.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x7E:
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "$"), UInt8(ascii: "\\"), UInt8(ascii: ";"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "#"):
                return false
            default:
                return true
            }
        default:
            return false
        }
    }

    /// Skips a `{…}` or `[…]` region, minding JSON strings; it may span lines.
    private mutating func skipBalanced() throws(RefScriptError) {
        let opener = location
        let open = current ?? 0
        var depth = 0
        scan: while let byte = current {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { advance(); return }
            case UInt8(ascii: "\""):
                advance()
                while let b = current, b != UInt8(ascii: "\"") {
                    if b == UInt8(ascii: "\\") && peek(1) != nil { advance() }
                    advance()
                }
                if current == nil { break scan }
            default:
                break
            }
            advance()
        }
        let what = open == UInt8(ascii: "{") ? "'{'" : "'['"
        throw RefScriptError(.syntax, "\(what) opened at \(opener.line):\(opener.column) is not closed", at: opener, incomplete: true)
    }
}
