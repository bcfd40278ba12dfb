/// The line before the cursor as Tab completion reads it: the command being typed (after the
/// last `;` or `(` outside quotes, so `echo x; set det` and `(get det` complete too), its words,
/// and the word under the cursor with the quote it opened, if any.
struct CompletionLine: Equatable {
    /// The command's words as typed, the current one last (empty after a space).
    var words: [String]
    /// The quote the current word opened and has not closed (`'files/my`), if any.
    var openQuote: Character?

    /// The word under the cursor as typed, quote included.
    var current: String { words.last ?? "" }

    /// The word under the cursor as the language reads it: without the quote it opened, and a
    /// bare word's `\x` escapes undone (`my\ deal` is `my deal`).
    var currentText: String {
        if openQuote == "'" { return String(current.dropFirst()) }
        var text = ""
        var escaped = false
        for character in openQuote == nil ? Substring(current) : current.dropFirst() {
            if escaped || character != "\\" {
                text.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return text
    }

    init(_ text: String) {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var escaped = false
        var outer: [(words: [String], word: String)] = []  // the commands a `(` is inside
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                word.append(character)
                if character == "\\" && open == "\"" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            switch character {
            case ";", "\n":
                // A new command starts: what came before is not its words.
                (words, word) = ([], "")
            case "(":
                outer.append((words, word))
                (words, word) = ([], "")
            case ")":
                // The substitution is done: it is one word of the command around it.
                guard let around = outer.popLast() else {
                    word.append(character)
                    break
                }
                (words, word) = (around.words, around.word + "(…)")
            case " ", "\t":
                if !word.isEmpty { words.append(word) }
                word = ""
            case "'", "\"":
                quote = character
                word.append(character)
            case "\\":
                escaped = true
                word.append(character)
            default:
                word.append(character)
            }
        }
        words.append(word)
        self.words = words
        // Only a quote that starts the current word is one completion continues inside.
        openQuote = quote.flatMap { word.first == $0 ? $0 : nil }
    }

    /// Whether `text` must be quoted to stay one word that means itself.
    static func needsQuotes(_ text: String) -> Bool {
        text.isEmpty || text.contains { " \t;()'\"$#\\{}[]".contains($0) || $0.isNewline }
    }

    /// A file name as one word: in the quote the user opened (or `'`, `"` when it holds `'`),
    /// left open after a folder so completion can go on inside it.
    static func fileWord(_ name: String, openQuote: Character?) -> String {
        guard openQuote != nil || needsQuotes(name) else { return name }
        // The whole word is replaced, so the quote may differ from the one typed.
        let quote: Character = name.contains("'") ? "\"" : openQuote ?? "'"
        let escapedName =
            quote == "\"" ? name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("$", with: "\\$") : name
        return String(quote) + escapedName + (name.hasSuffix("/") ? "" : String(quote))
    }
}
