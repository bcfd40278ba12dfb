/// What the lexer hands the parser, one at a time.
enum Token {
    case word(Word)
    /// A newline or `;`.
    case separator(SourceLocation)
    /// `(` opening a command substitution; `startIndex` is its byte offset (for its raw text).
    case open(SourceLocation, startIndex: Int)
    /// The `)` closing a substitution (only produced inside one).
    case close
    /// The end of the text.
    case end
}
