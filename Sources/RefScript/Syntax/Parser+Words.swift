extension Parser {
    /// The words of the next non-empty statement, or `nil` at the end of the text. A `( … )`
    /// becomes one word holding its checked command as soon as its `)` is read.
    mutating func nextLine() throws(RefScriptError) -> [Word]? {
        var words = Self.reusing(&spareWords)
        while true {
            switch try lexer.nextToken(inSubstitution: false) {
            case .word(let word): words.append(word)
            case .open(let location, let startIndex): words.append(try substitution(at: location, startIndex: startIndex, nested: false))
            case .separator: if !words.isEmpty { return words }
            case .end: return words.isEmpty ? nil : words
            case .close: break  // only read inside a substitution
            }
        }
    }

    /// The substitution whose `(` was at `location`: exactly one command, checked like any other.
    private mutating func substitution(at location: SourceLocation, startIndex: Int, nested: Bool) throws(RefScriptError) -> Word {
        substitutionDepth += 1
        defer { substitutionDepth -= 1 }
        guard substitutionDepth <= Self.maximumDepth else {
            throw RefScriptError(.syntax, "'( … )' nested deeper than \(Self.maximumDepth) levels", at: location)
        }
        var words = Self.reusing(&spareSubstitutionWords)
        var commands = 0
        var lineHasWords = false
        reading: while true {
            let word: Word
            switch try lexer.nextToken(inSubstitution: true) {
            case .word(let read):
                word = read
            case .open(let inner, let innerStart):
                word = try substitution(at: inner, startIndex: innerStart, nested: true)
            case .separator:
                lineHasWords = false
                continue reading
            case .close:
                break reading
            case .end:
                throw RefScriptError(
                    .syntax, "'(' opened at \(location.line):\(location.column) is not closed", at: location, incomplete: true)
            }
            if !lineHasWords { commands += 1 }
            lineHasWords = true
            words.append(word)
        }
        try lexer.expectWordEndAfterSubstitution(inSubstitution: nested)
        guard commands == 1 else {
            throw RefScriptError(.syntax, "'( … )' must hold exactly one command", at: location)
        }
        guard words.first?.bareLiteral != nil else {
            throw RefScriptError(.syntax, "'( … )' must start with a command name", at: location)
        }
        let call = try invocation(words)
        // Refused before anything runs: `(patch)` would send the patch, then fail.
        guard call.command.spec.givesValue else { throw givesNoValue(call.command.spec.name, at: location) }
        spareSubstitutionWords = words
        return Word(.substitution(call), location: location, raw: lexer.text(startIndex..<lexer.index))
    }

    /// The error for `( … )` around a command that gives no value, naming those that do.
    private func givesNoValue(_ name: String, at location: SourceLocation) -> RefScriptError {
        var giving: [String] = []
        for command in registry.commands where command.spec.givesValue { giving.append(command.spec.name) }
        return RefScriptError(
            .syntax, "(\(name) …) gives no value; '( … )' holds a command that does: \(giving.joined(separator: ", "))", at: location)
    }

    /// An empty word list with the storage of `spare`, which is left empty: once a list is handed
    /// back after its statement is built, reading the next line allocates none.
    private static func reusing(_ spare: inout [Word]) -> [Word] {
        var words: [Word] = []
        swap(&words, &spare)
        words.removeAll(keepingCapacity: true)
        words.reserveCapacity(8)
        return words
    }
}
