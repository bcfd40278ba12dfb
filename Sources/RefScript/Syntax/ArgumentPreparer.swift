import ReferralKit

/// Works out literal arguments before running: paths are parsed, JSON is parsed, bare literals
/// become numbers, Booleans or null. Errors are syntax errors at the exact script position.
enum ArgumentPreparer {
    static func prepare(_ word: Word, as kind: ArgumentKind, listAllowed: Bool = false) throws(RefScriptError) -> Argument {
        guard let text = word.staticText else { return Argument(word: word, prepared: nil) }
        switch kind {
        case .path:
            return Argument(word: word, prepared: .path(try path(text, at: word.location)))
        case .value:
            return Argument(word: word, prepared: .value(try value(of: word, text: text, listAllowed: listAllowed)))
        default:
            return Argument(word: word, prepared: nil)
        }
    }

    /// A path, or a syntax error pointing at the column inside the word.
    static func path(_ text: String, at location: SourceLocation) throws(RefScriptError) -> JSONPath {
        do {
            return try JSONPathParser.parse(text)
        } catch {
            var at = location
            at.column += error.column - 1
            throw RefScriptError(.syntax, "bad path '\(text)': \(error.message)", at: at)
        }
    }

    /// The value a static word stands for.
    static func value(of word: Word, text: String, listAllowed: Bool) throws(RefScriptError) -> JSONValue {
        if word.isQuoted { return .string(text) }
        if case .bracketed(let raw)? = word.singlePart {
            do {
                return try JSONParser.parse(raw)
            } catch {
                if listAllowed, let list = ListLiteral.parse(raw) { return .array(list) }
                var at = word.location
                if error.line == 1 { at.column += error.column - 1 } else { at.line += error.line - 1; at.column = error.column }
                throw RefScriptError(.syntax, "invalid JSON: \(error.message)", at: at)
            }
        }
        return literalValue(text)
    }

    /// A bare word's value: `50000` → number, `true`/`false`/`null`, anything else a string.
    static func literalValue(_ text: String) -> JSONValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let first = text.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
                let number = JSONNumber(literal: text)
            {
                return .number(number)
            }
            return .string(text)
        }
    }
}

/// `[New, Active, 'Two words', 3]`: a list of bare words for `in` and `for`, when it is not JSON.
enum ListLiteral {
    static func parse(_ raw: String) -> [JSONValue]? {
        guard raw.hasPrefix("["), raw.hasSuffix("]") else { return nil }
        let inner = raw.dropFirst().dropLast()
        if inner.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) { return [] }
        var items: [JSONValue] = []
        var current = ""
        var quote: Character?
        for ch in inner {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current.append(ch)
            } else if ch == "," {
                guard let item = item(current) else { return nil }
                items.append(item)
                current = ""
            } else {
                current.append(ch)
            }
        }
        guard quote == nil, let last = item(current) else { return nil }
        items.append(last)
        return items
    }

    private static func item(_ text: String) -> JSONValue? {
        let trimmed = text.trimming(" \t\n")
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count >= 2, trimmed.hasPrefix("'"), trimmed.hasSuffix("'") { return .string(String(trimmed.dropFirst().dropLast())) }
        if trimmed.hasPrefix("\"") { return try? JSONParser.parse(trimmed) }
        if trimmed.contains(where: { $0 == " " || $0 == "[" || $0 == "{" }) { return nil }
        return ArgumentPreparer.literalValue(trimmed)
    }
}
