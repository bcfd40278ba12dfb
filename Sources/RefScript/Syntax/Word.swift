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
        /// `$name`, `${name}`, `${name.path}`, `$1`, `$env.HOME`.
        case variable(VariableReference)
        /// `(command args…)`: the value the command produces.
        case substitution(Invocation)
        /// A word that starts with `{` or `[`, kept as written: JSON, a list, or a path.
        case bracketed(String)
    }

    public var parts: [Part]
    /// Where the word starts.
    public var location: SourceLocation
    /// The word as written in the source.
    public var raw: String

    /// The text when the word is a single unquoted literal without variables (command names,
    /// keywords, flags, operators).
    public var bareLiteral: String? {
        if parts.count == 1, case .bare(let text) = parts[0] { return text }
        if parts.isEmpty { return nil }
        return nil
    }

    /// Whether any part was quoted: then the word is always a string.
    public var isQuoted: Bool {
        parts.contains { if case .quoted = $0 { true } else { false } }
    }

    /// The text when the word has no variables or substitutions (quoted or not).
    public var staticText: String? {
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
