import ReferralKit

/// One word of a command line, as the lexer found it: pieces of text, variable references and
/// command substitutions, glued together (`"a"$b'c'` is one word of three parts).
public struct Word: Sendable {
    /// A piece of a word.
    public enum Part: Sendable {
        /// Unquoted text (escapes already removed).
        case bare(String)
        /// Text from `'…'` or the literal pieces of `"…"`: always a string.
        case quoted(String)
        /// `$name`, `${name}`, `${name.path}`, `$1`, `$env.HOME` (boxed: keeps every part small).
        indirect case variable(VariableReference)
        /// `(command args…)`: the value the command produces (boxed).
        indirect case substitution(Invocation)
        /// A word that starts with `{` or `[`, kept as written: JSON, a list, or a path.
        case bracketed(String)
    }

    /// Where the word starts.
    public var location: SourceLocation
    /// The word as written in the source.
    public var raw: String

    /// Most words have one part: kept inline, so a script's syntax tree stays small.
    private enum Storage: Sendable {
        case none
        case one(Part)
        case many([Part])
    }
    private var storage: Storage

    public init(parts: [Part], location: SourceLocation, raw: String) {
        storage = parts.count == 1 ? .one(parts[0]) : parts.isEmpty ? .none : .many(parts)
        self.location = location
        self.raw = raw
    }

    /// A word of one part.
    public init(_ part: Part, location: SourceLocation, raw: String) {
        storage = .one(part)
        self.location = location
        self.raw = raw
    }

    /// The pieces of the word, in order.
    public var parts: [Part] {
        switch storage {
        case .none: []
        case .one(let part): [part]
        case .many(let parts): parts
        }
    }

    /// The only part, when the word has exactly one.
    public var singlePart: Part? {
        if case .one(let part) = storage { return part }
        return nil
    }

    /// The text when the word is a single unquoted literal without variables (command names,
    /// keywords, flags, operators).
    public var bareLiteral: String? {
        if case .bare(let text)? = singlePart { return text }
        return nil
    }

    /// Whether any part was quoted: then the word is always a string.
    public var isQuoted: Bool {
        switch storage {
        case .none: false
        case .one(let part): if case .quoted = part { true } else { false }
        case .many(let parts): parts.contains { if case .quoted = $0 { true } else { false } }
        }
    }

    /// The text when the word has no variables or substitutions (quoted or not).
    public var staticText: String? {
        switch singlePart {
        case .bare(let s)?, .quoted(let s)?, .bracketed(let s)?: return s
        case .variable?, .substitution?: return nil
        case nil: break
        }
        var out = ""
        for part in parts {
            switch part {
            case .bare(let s), .quoted(let s), .bracketed(let s): out += s
            case .variable, .substitution: return nil
            }
        }
        return out
    }
}

/// A reference to a variable inside a word.
public struct VariableReference: Sendable {
    /// Where the value comes from.
    public enum Source: Sendable, Equatable {
        /// `$name`: a `let` variable, a `--var`, or a `for` variable.
        case named(String)
        /// `$1`…: a script argument.
        case positional(Int)
        /// `$env.NAME`: the process environment.
        case environment(String)
    }

    public var source: Source
    /// `${item.email}`: a path into the variable's value.
    public var path: JSONPath?
    public var location: SourceLocation
    /// As written, e.g. `${item.email}`.
    public var raw: String
}
