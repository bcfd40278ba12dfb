/// What the lexer produces: words and statement separators (newline or `;`).
public enum Token: Sendable {
    case word(Word)
    case separator(SourceLocation)
    /// A `( … )` substitution's tokens, before the parser checks them (lexer-internal).
    case substitution([Token], SourceLocation)
}
