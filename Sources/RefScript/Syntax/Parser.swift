import ReferralKit
import ReferralsWire

/// Turns tokens into a checked ``Program``: blocks matched, commands resolved, argument counts
/// and flags checked, literal paths and JSON parsed. Any error is reported before anything runs.
public struct Parser: Sendable {
    let registry: CommandRegistry
    var lexer: Lexer
    /// The word list of the line last read, handed back once its statement is built so the next
    /// line reuses its storage (a line allocates no list of its own).
    var spareWords: [Word] = []
    /// The same for the words inside `( … )`.
    var spareSubstitutionWords: [Word] = []
    /// How deep the blocks being read are nested, and the `( … )` being read.
    var blockDepth = 0
    var substitutionDepth = 0
    /// How deep blocks and `( … )` may nest (as JSON: 256): the parser, the checker and the
    /// interpreter walk them recursively.
    public static let maximumDepth = 256

    /// Parses a whole script.
    public static func parse(_ text: String, file: String, registry: CommandRegistry = .standard) throws(RefScriptError) -> Program {
        var parser = Parser(registry: registry, lexer: Lexer(text, file: file))
        return Program(statements: try parser.block(until: [], opener: nil).statements)
    }

    /// A parser over a text's UTF-8 bytes (which parsers of one text share) that hands out
    /// top-level statements one at a time (see ``nextStatement()``).
    public init(utf8 bytes: [UInt8], file: String, registry: CommandRegistry = .standard) {
        self.init(registry: registry, lexer: Lexer(bytes: bytes, file: file))
    }

    /// A parser that starts at `position` of the bytes (which must be where a top-level
    /// statement may start for what it reads to mean anything).
    init(utf8 bytes: [UInt8], file: String, registry: CommandRegistry, startingAt position: TextPosition) {
        let lexer = Lexer(bytes: bytes, file: file, startingAt: position.offset, line: position.line, column: position.column)
        self.init(registry: registry, lexer: lexer)
    }

    /// Where the next unread byte is.
    var position: TextPosition { TextPosition(offset: lexer.index, line: lexer.line, column: lexer.column) }

    init(registry: CommandRegistry, lexer: Lexer) {
        self.registry = registry
        self.lexer = lexer
    }

    /// The next top-level statement (a command, or a whole `if`/`for` block), or `nil` at the
    /// end. Lets a large script be checked, then run, without holding its whole syntax tree.
    public mutating func nextStatement() throws(RefScriptError) -> Statement? {
        guard let line = try nextLine() else { return nil }
        let parsed = try statement(line)
        spareWords = line
        return parsed
    }

    /// Statements up to a line whose first word is one of `terminators`; returns that line too.
    mutating func block(until terminators: [String], opener: (String, SourceLocation)?) throws(RefScriptError)
        -> (statements: [Statement], terminator: [Word]?)
    {
        var statements: [Statement] = []
        if let (name, location) = opener {
            blockDepth += 1
            guard blockDepth <= Self.maximumDepth else {
                throw RefScriptError(.syntax, "'\(name)' blocks nested deeper than \(Self.maximumDepth) levels", at: location)
            }
        }
        defer { if opener != nil { blockDepth -= 1 } }
        while let line = try nextLine() {
            if let keyword = line.first?.bareLiteral, terminators.contains(keyword) { return (statements, line) }
            statements.append(try statement(line))
            spareWords = line
        }
        if let (name, location) = opener {
            var error = RefScriptError(
                .syntax, "'\(name)' at \(location.line):\(location.column) has no matching 'end'", at: location, incomplete: true)
            error.opensBlock = true
            throw error
        }
        return (statements, nil)
    }

    /// The statement a line starts (reading the rest of its block, for `if` and `for`). A block
    /// terminator (`else`, `end`) here has no block to end: the caller looks for its own first.
    private mutating func statement(_ words: [Word]) throws(RefScriptError) -> Statement {
        guard let keyword = words.first?.bareLiteral else {
            throw RefScriptError(.syntax, "a command name must be a plain word, not \(describe(words[0]))", at: words[0].location)
        }
        switch keyword {
        case "if": return try conditional(words)
        case "for": return try loop(words)
        case "try": return try attempt(words)
        case "else":
            throw RefScriptError(.syntax, "'else' without a matching 'if'", at: words[0].location)
        case "end":
            throw RefScriptError(.syntax, "'end' without a matching 'if', 'for' or 'try'", at: words[0].location)
        case "catch":
            throw RefScriptError(.syntax, "'catch' without a matching 'try'", at: words[0].location)
        default: return .command(try invocation(words))
        }
    }

    /// `word` as an error names it: a JSON value (a referral file run as a script is one word of
    /// many lines) by its kind, not quoted whole.
    private func describe(_ word: Word) -> String {
        if word.isQuoted { return "a quoted string" }
        if word.parts.contains(where: { if case .variable = $0 { true } else { false } }) { return "a variable" }
        switch word.raw.first {
        case "{": return "a JSON object (a referral file is read with open, not run)"
        case "[": return "a JSON array"
        default: return "'\(word.raw)'"
        }
    }

    private mutating func conditional(_ words: [Word]) throws(RefScriptError) -> Statement {
        var branches: [(condition: Condition, body: [Statement])] = []
        var header = words
        let location = words[0].location
        while true {
            guard header.count > 1 else { throw RefScriptError(.syntax, "'if' needs a condition", at: header[0].location) }
            var conditionParser = ConditionParser(words: Array(header.dropFirst()))
            let condition = try conditionParser.parseWhole()
            let (body, terminator) = try block(until: ["else", "end"], opener: ("if", location))
            branches.append((condition, body))
            guard let terminator else { break }
            if terminator[0].bareLiteral == "end" {
                try expectAlone(terminator)
                return .conditional(branches: branches, otherwise: nil, location: location)
            }
            if terminator.count > 1, terminator[1].bareLiteral == "if" {
                header = Array(terminator.dropFirst())
                continue
            }
            try expectAlone(terminator)
            let (otherwise, end) = try block(until: ["end", "else"], opener: ("if", location))
            if let end, end[0].bareLiteral == "else" {
                throw RefScriptError(
                    .syntax,
                    "a second 'else' in the 'if' of line \(location.line) (its 'else' is on line \(terminator[0].location.line)): an if has one 'else', last; 'else if' goes before it",
                    at: end[0].location)
            }
            if let end { try expectAlone(end) }
            return .conditional(branches: branches, otherwise: otherwise, location: location)
        }
        return .conditional(branches: branches, otherwise: nil, location: location)
    }

    private mutating func loop(_ words: [Word]) throws(RefScriptError) -> Statement {
        let location = words[0].location
        var rest = ArraySlice(words.dropFirst())
        let parallel = try Self.loopFlags(&rest)
        guard rest.count >= 2, let name = rest.first?.bareLiteral, rest.dropFirst().first?.bareLiteral == "in" else {
            throw RefScriptError(.syntax, "write a loop as: for [--jobs N] [--journal FILE] <name> in <list> … end", at: location)
        }
        // `env` names the environment (`$env.HOME`), as for `let`.
        guard Self.isVariableName(name), name != "env" else {
            throw RefScriptError(
                .syntax, "'\(name)' is not a variable name (letters, digits and _, not starting with a digit; not env)",
                at: rest[rest.startIndex].location)
        }
        guard rest.count > 2 else {
            throw RefScriptError(.syntax, "for needs a list after 'in' ([a, b], $list or (command); [] for none)", at: location)
        }
        let items = try rest.dropFirst(2).map { (word) throws(RefScriptError) -> Argument in
            try ArgumentPreparer.prepare(word, as: .value, listAllowed: true)
        }
        let (body, end) = try block(until: ["end"], opener: ("for", location))
        if let end { try expectAlone(end) }
        return .loop(variable: name, items: items, body: body, parallel: parallel, location: location)
    }

    /// `--jobs N` and `--journal FILE` before a loop's variable; a literal `--jobs` is checked here.
    private static func loopFlags(_ words: inout ArraySlice<Word>) throws(RefScriptError) -> LoopFlags? {
        var flags: LoopFlags?
        while let flag = words.first, let text = flag.bareLiteral, text.hasPrefix("--") {
            words.removeFirst()
            guard text == "--jobs" || text == "--journal" else {
                throw RefScriptError(.syntax, "for takes --jobs N and --journal FILE, not \(text)", at: flag.location)
            }
            guard let value = words.first else { throw RefScriptError(.syntax, "for \(text) needs a value", at: flag.location) }
            words.removeFirst()
            var parsed = flags ?? LoopFlags()
            if text == "--jobs" ? parsed.jobs != nil : parsed.journal != nil {
                throw RefScriptError(.syntax, "for \(text) is given twice", at: flag.location)
            }
            if text == "--jobs" {
                let argument = try ArgumentPreparer.prepare(value, as: .value)
                if case .value(let literal)? = argument.prepared { _ = try ParallelLoop.jobs(literal, at: value.location, kind: .syntax) }
                parsed.jobs = argument
            } else {
                parsed.journal = try ArgumentPreparer.prepare(value, as: .file)
            }
            flags = parsed
        }
        return flags
    }

    /// `try … catch … end` (or `try … end`, which only keeps the failure from stopping the run).
    private mutating func attempt(_ words: [Word]) throws(RefScriptError) -> Statement {
        let location = words[0].location
        try expectAlone(words)
        let (body, terminator) = try block(until: ["catch", "end"], opener: ("try", location))
        guard let terminator else { return .attempt(body: body, handler: [], location: location) }
        try expectAlone(terminator)
        guard terminator[0].bareLiteral == "catch" else { return .attempt(body: body, handler: [], location: location) }
        let (handler, end) = try block(until: ["end"], opener: ("try", location))
        if let end { try expectAlone(end) }
        return .attempt(body: body, handler: handler, location: location)
    }

    private func expectAlone(_ words: [Word]) throws(RefScriptError) {
        if words.count > 1 {
            throw RefScriptError(.syntax, "unexpected '\(words[1].raw)' after '\(words[0].raw)'", at: words[1].location)
        }
    }

    /// Whether `name` can name a variable: letters, digits and `_`, not starting with a digit.
    public static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// Checks a command line against its command's spec.
    func invocation(_ words: [Word]) throws(RefScriptError) -> Invocation {
        let nameWord = words[0]
        let name = nameWord.bareLiteral ?? nameWord.raw
        guard let command = registry.command(named: name) else {
            let hint = EditDistance.closest(to: name, in: registry.allNames).map { " (did you mean \($0)?)" } ?? ""
            throw RefScriptError(
                .syntax, "unknown command '\(VisibleText.of(name, upTo: 80))'\(hint); 'help' lists the commands", at: nameWord.location)
        }
        return try InvocationChecker(command: command).check(words)
    }
}
