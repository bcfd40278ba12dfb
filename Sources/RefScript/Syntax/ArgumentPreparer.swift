import ReferralKit

/// Works out literal arguments before running: paths are parsed, JSON is parsed, bare literals
/// become numbers, Booleans or null. Errors are syntax errors at the exact script position.
enum ArgumentPreparer {
    static func prepare(_ word: Word, as kind: ArgumentKind, listAllowed: Bool = false) throws(RefScriptError) -> Argument {
        guard let text = word.staticText else { return Argument(word: word, prepared: nil) }
        switch kind {
        case .path:
            return Argument(word: word, prepared: .path(try path(pathText(of: word) ?? text, at: word.location)))
        case .value:
            if listAllowed, case .bracketed(let raw)? = word.singlePart, let items = try ListLiteral.itemsWithVariables(raw, at: word.location) {
                return Argument(word: word, prepared: .list(items))
            }
            return Argument(word: word, prepared: .value(try value(of: word, text: text, listAllowed: listAllowed)))
        default:
            return Argument(word: word, prepared: nil)
        }
    }

    /// The path a word of quoted and unquoted pieces writes, its quoted pieces quoted again:
    /// `"odd key".x` and `details['ünï çødé']` are the paths docs/paths.md shows, but word
    /// quoting took their quotes away (`odd key.x`). `nil` for a word of one piece: a path
    /// quoted whole (`'details."odd key"'`) is the text inside the quotes, as before.
    static func pathText(of word: Word) -> String? {
        let parts = word.parts
        guard parts.count > 1, parts.contains(where: { if case .quoted = $0 { true } else { false } }) else { return nil }
        var text = ""
        for part in parts {
            switch part {
            case .quoted(let piece): text += JSONPrinter.quoted(piece)
            case .bare(let piece), .bracketed(let piece): text += piece
            case .variable, .substitution: return nil
            }
        }
        return text
    }

    /// A path, or a syntax error pointing at the column inside the word.
    static func path(_ text: String, at location: SourceLocation) throws(RefScriptError) -> JSONPath {
        do {
            return try JSONPathParser.parse(text)
        } catch {
            var at = location
            at.column += error.column - 1
            throw RefScriptError(.syntax, "bad path '\(PathText.shown(text))': \(error.message)", at: at)
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
                if listAllowed, let problem = ListLiteral.problem(raw) {
                    throw RefScriptError(.syntax, problem.message, at: word.location.advanced(over: raw.prefix(problem.offset)))
                }
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
        guard let texts = split(raw) else { return nil }
        var items: [JSONValue] = []
        for text in texts {
            guard let item = item(text.text) else { return nil }
            items.append(item)
        }
        return items
    }

    /// The items of a list literal that the language reads differently from JSON, each an
    /// argument (worked out as the script runs when it names a variable): a variable (`$v`,
    /// `${w.id}`), a double-quoted text naming one (`"deal $id"`, expanded even where the whole
    /// list would also be JSON), a double-quoted text with the language's escapes (`"\u{E9}"`),
    /// a bare word with `\` escapes (`a\,b`). `nil` when JSON or the plain list reading says the
    /// same (no `$` or `\`), or for what is not a list. A bad item is a syntax error at its place.
    static func itemsWithVariables(_ raw: String, at location: SourceLocation) throws(RefScriptError) -> [Argument]? {
        // Most bracketed words are JSON with no `$` or `\`: they are told at once, not parsed here too.
        guard raw.contains("$") || raw.contains("\\"), let texts = split(raw) else { return nil }
        var arguments: [Argument] = []
        var readAsWords = false
        for (text, offset) in texts {
            let trimmed = text.trimming(" \t\n")
            let at = location.advanced(over: raw.prefix(offset + text.prefix { $0 == " " || $0 == "\t" || $0 == "\n" }.count))
            if !expands(trimmed), !(trimmed.contains("\\") && !trimmed.hasPrefix("'")), let value = item(trimmed) {
                arguments.append(Argument(word: Word(.bare(trimmed), location: at, raw: trimmed), prepared: .value(value)))
                continue
            }
            // A JSON object or array inside: the list is JSON (or an error JSON explains).
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return nil }
            if trimmed.hasPrefix("\""), !expands(trimmed), let value = item(trimmed) {
                arguments.append(Argument(word: Word(.bare(trimmed), location: at, raw: trimmed), prepared: .value(value)))
                continue
            }
            readAsWords = true
            var lexer = Lexer(bytes: Array(trimmed.utf8), file: location.file, line: at.line, column: at.column)
            let word = try lexer.word(inSubstitution: false)
            let single: Bool = if case .variable? = word.singlePart { true } else { word.isQuoted || word.staticText != nil }
            guard !trimmed.isEmpty, word.raw == trimmed, single else {
                throw RefScriptError(.syntax, "list item '\(trimmed)' is not a value or a variable ($name, ${name.path})", at: at)
            }
            if let text = word.staticText {
                let value = word.isQuoted ? JSONValue.string(text) : ArgumentPreparer.literalValue(text)
                arguments.append(Argument(word: word, prepared: .value(value)))
            } else {
                arguments.append(Argument(word: word, prepared: nil))
            }
        }
        return readAsWords ? arguments : nil
    }

    /// Why `raw`, neither JSON nor a list of words, is not a list: an empty item or one of two
    /// words, with its offset in characters; `nil` when a JSON error explains it better.
    static func problem(_ raw: String) -> (message: String, offset: Int)? {
        guard let texts = split(raw), texts.count > 1 || !(texts.first?.text.isEmpty ?? true) else { return nil }
        for (index, (text, offset)) in texts.enumerated() {
            let trimmed = text.trimming(" \t\n")
            let lead = text.prefix { $0 == " " || $0 == "\t" || $0 == "\n" }.count
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return nil }
            if trimmed.isEmpty {
                let place = index == texts.count - 1 ? "after the last ','" : "before ','"
                return ("empty list item \(place): items are separated by single commas", offset + lead)
            }
            if item(trimmed) == nil {
                return ("list item '\(trimmed)' is not one value (quote a text of several words: 'a b')", offset + lead)
            }
        }
        return nil
    }

    /// Whether a list item is worked out as the script runs: a variable, or a double-quoted text
    /// that names one (`"$state"`, as double quotes expand everywhere).
    private static func expands(_ item: String) -> Bool {
        item.hasPrefix("$") || (item.hasPrefix("\"") && item.contains("$"))
    }

    /// The texts between the commas of `[…]` (commas inside quotes kept), each with its offset in
    /// characters from the start of `raw`; `nil` when `raw` is not bracketed or a quote is open.
    private static func split(_ raw: String) -> [(text: String, offset: Int)]? {
        guard raw.hasPrefix("["), raw.hasSuffix("]") else { return nil }
        let inner = raw.dropFirst().dropLast()
        if inner.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) { return [] }
        var texts: [(text: String, offset: Int)] = []
        var current = ""
        var start = 1
        var quote: Character?
        var escaped = false
        for (position, ch) in inner.enumerated() {
            if escaped {
                // `\,` and `\"` belong to the item (single quotes take no escapes).
                current.append(ch)
                escaped = false
            } else if ch == "\\", quote != "'" {
                current.append(ch)
                escaped = true
            } else if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current.append(ch)
            } else if ch == "," {
                texts.append((current, start))
                current = ""
                start = position + 2
            } else {
                current.append(ch)
            }
        }
        guard quote == nil else { return nil }
        texts.append((current, start))
        return texts
    }

    private static func item(_ text: String) -> JSONValue? {
        let trimmed = text.trimming(" \t\n")
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count >= 2, trimmed.hasPrefix("'"), trimmed.hasSuffix("'") { return .string(String(trimmed.dropFirst().dropLast())) }
        if trimmed.hasPrefix("\"") { return try? JSONParser.parse(trimmed) }
        if trimmed.contains(where: { $0 == " " || $0 == "[" || $0 == "{" }) { return nil }
        // A bare item reads like a bare word: `a\,b` is `a,b` (in a script the lexer does this;
        // `--var 'l=[a\,b]'` comes here).
        guard trimmed.contains("\\") else { return ArgumentPreparer.literalValue(trimmed) }
        var unescaped = ""
        var escaping = false
        for character in trimmed {
            if escaping || character != "\\" {
                unescaped.append(character)
                escaping = false
            } else {
                escaping = true
            }
        }
        return ArgumentPreparer.literalValue(unescaped)
    }
}
