import ReferralKit
import ReferralsWire

extension Lexer {
    /// `'…'`: raw text, no escapes, no variables.
    mutating func singleQuoted() throws(RefScriptError) -> String {
        let open = location
        advance()
        let start = index
        while let byte = current, byte != UInt8(ascii: "'") { advance() }
        guard current != nil else {
            throw RefScriptError(.syntax, "string opened with ' at \(open.line):\(open.column) is not closed", at: open, incomplete: true)
        }
        let content = text(start..<index)
        advance()
        return content
    }

    /// `"…"`: escapes (`\" \\ \$ \n \t \r \u{…}`) and `$variables`; appends quoted parts.
    mutating func doubleQuoted() throws(RefScriptError) {
        let open = location
        advance()
        // The closing quote always adds a quoted part (maybe empty), so `"$v"` stays a string.
        func flushQuoted(_ lexer: inout Lexer) {
            lexer.parts.append(.quoted(String(decoding: lexer.pending, as: UTF8.self)))
            lexer.pending.removeAll(keepingCapacity: true)
        }
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                flushQuoted(&self)
                return
            case UInt8(ascii: "\\"):
                let escapeAt = location
                advance()
                guard let code = current else { break }
                advance()
                switch code {
                case UInt8(ascii: "n"): pending.append(0x0A)
                case UInt8(ascii: "t"): pending.append(0x09)
                case UInt8(ascii: "r"): pending.append(0x0D)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): pending.append(code)
                case 0x0A: break  // line continuation inside a string
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape(at: escapeAt)
                    pending.append(contentsOf: scalar.utf8)
                default:
                    throw RefScriptError(
                        .syntax, "unknown escape '\\\(Character(Unicode.Scalar(code)))' in a double-quoted string (use '\\\\' for a backslash)",
                        at: escapeAt)
                }
            case UInt8(ascii: "$"):
                if let reference = try variable() {
                    if !pending.isEmpty { flushQuoted(&self) }
                    parts.append(.variable(reference))
                } else {
                    pending.append(byte)
                    advance()
                }
            default:
                pending.append(byte)
                advance()
            }
        }
        throw RefScriptError(.syntax, "string opened with \" at \(open.line):\(open.column) is not closed", at: open, incomplete: true)
    }

    /// `\u{1F389}` (the `\u` already consumed).
    private mutating func unicodeEscape(at escapeAt: SourceLocation) throws(RefScriptError) -> String {
        guard current == UInt8(ascii: "{") else {
            throw RefScriptError(.syntax, "write a Unicode escape as \\u{hex}", at: escapeAt)
        }
        advance()
        let start = index
        while let b = current, b != UInt8(ascii: "}"), index - start < 8 { advance() }
        let hex = text(start..<index)
        guard current == UInt8(ascii: "}"), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw RefScriptError(.syntax, "invalid Unicode escape \\u{\(hex)}", at: escapeAt)
        }
        advance()
        return String(Character(scalar))
    }

    /// A variable reference at `$`, or `nil` (cursor unmoved) when `$` is just a dollar sign.
    mutating func variable() throws(RefScriptError) -> VariableReference? {
        let at = location
        let start = index
        func isNameStart(_ b: UInt8?) -> Bool {
            guard let b else { return false }
            return (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func isNameByte(_ b: UInt8?) -> Bool { isNameStart(b) || isDigit(b) }
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        if peek(1) == UInt8(ascii: "{") {
            advance()
            advance()
            let contentStart = index
            while let b = current, b != UInt8(ascii: "}"), b != 0x0A { advance() }
            guard current == UInt8(ascii: "}") else {
                throw RefScriptError(.syntax, "'${' is not closed with '}'", at: at, incomplete: current == nil)
            }
            let content = text(contentStart..<index)
            advance()
            return try reference(from: content, at: at, raw: text(start..<index))
        }
        if isDigit(peek(1)) {
            advance()
            let digitsStart = index
            while isDigit(current) { advance() }
            let raw = text(start..<index)
            return VariableReference(
                source: .positional(try positional(text(digitsStart..<index), at: at, raw: raw)), path: nil, location: at, raw: raw)
        }
        guard isNameStart(peek(1)) else { return nil }
        advance()
        let nameStart = index
        while isNameByte(current) { advance() }
        let name = text(nameStart..<index)
        if name == "env", current == UInt8(ascii: "."), isNameStart(peek(1)) {
            advance()
            let envStart = index
            while isNameByte(current) { advance() }
            return VariableReference(source: .environment(text(envStart..<index)), path: nil, location: at, raw: text(start..<index))
        }
        // `$error.exit` (in a `catch` block): a member of the caught error, as `${error.exit}`.
        if name == "error", current == UInt8(ascii: "."), isNameStart(peek(1)) {
            advance()
            let fieldStart = index
            while isNameByte(current) { advance() }
            let field = text(fieldStart..<index)
            return VariableReference(source: .named(name), path: JSONPath([.key(field)]), location: at, raw: text(start..<index))
        }
        return VariableReference(source: .named(name), path: nil, location: at, raw: text(start..<index))
    }

    /// The number of a positional argument (`$1`, `${12}`); one too large for any script is an
    /// error, not `$0`.
    private func positional(_ digits: String, at: SourceLocation, raw: String) throws(RefScriptError) -> Int {
        guard let number = Int(digits), number <= 1_000_000 else {
            throw RefScriptError(.syntax, "'\(VisibleText.of(raw, upTo: 40))' names no argument: a script has far fewer", at: at)
        }
        return number
    }

    /// The reference inside `${…}`: `name`, `name.path`, `name[0]`, `1`, `env.NAME`.
    private func reference(from content: String, at: SourceLocation, raw: String) throws(RefScriptError) -> VariableReference {
        // Digits alone: `Int` would also take `-1` and `+0`.
        if !content.isEmpty, content.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return VariableReference(source: .positional(try positional(content, at: at, raw: raw)), path: nil, location: at, raw: raw)
        }
        if content.hasPrefix("env."), content.count > 4 {
            return VariableReference(source: .environment(String(content.dropFirst(4))), path: nil, location: at, raw: raw)
        }
        let nameEnd = content.firstIndex { $0 == "." || $0 == "[" } ?? content.endIndex
        let name = String(content[..<nameEnd])
        guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw RefScriptError(.syntax, "'\(raw)' is not a variable reference (expected ${name} or ${name.path})", at: at)
        }
        var path: JSONPath?
        // `${x.}` names no member: a path of `.` alone would be the whole value, silently.
        if content[nameEnd...] == "." {
            throw RefScriptError(.syntax, "'\(raw)' ends with '.': name a member after it, or write ${\(name)}", at: at)
        }
        if nameEnd < content.endIndex {
            do {
                path = try JSONPathParser.parse(String(content[nameEnd...]))
            } catch {
                throw RefScriptError(.syntax, "bad path in '\(raw)': \(error.message)", at: at)
            }
        }
        return VariableReference(source: .named(name), path: path, location: at, raw: raw)
    }
}
