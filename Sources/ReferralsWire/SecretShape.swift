/// Whether a word refsh has not been given as a secret looks like one anyway: a token pasted
/// where a file name, an endpoint or an option's value was expected. Messages about such input
/// name the word's length instead of quoting it, so the token reaches no terminal, log or CI
/// output before refsh knows it. docs/support.md gives the rule.
public enum SecretShape {
    /// A JWT (`eyJ…` with three parts), or a word of 24 or more token characters (letters,
    /// digits, `-._~+/`, `=` at its end) with upper- and lowercase letters and digits mixed as
    /// random text mixes them: at least three changes of kind in ten letters and digits, and runs
    /// of lowercase letters shorter than three on average. File paths, names in CamelCase, GUIDs
    /// and hexadecimal digests do not.
    public static func looksLikeToken(_ word: some StringProtocol) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 24, scalars.allSatisfy(isTokenScalar) else { return false }
        if word.hasPrefix("eyJ"), word.split(separator: ".", omittingEmptySubsequences: false).count == 3 { return true }
        guard !word.hasPrefix("/"), !word.hasPrefix("."), !word.hasPrefix("~") else { return false }
        // Letters and digits only: separators say nothing about randomness.
        let kinds = scalars.map(kind).filter { $0 != 0 }
        guard kinds.contains(1), kinds.contains(2), kinds.contains(3) else { return false }
        let changes = zip(kinds, kinds.dropFirst()).filter { $0 != $1 }.count
        // Words of a name have runs of lowercase letters; random text's are one or two long.
        let lowercaseRuns = zip([0] + kinds, kinds).filter { $0 != 2 && $1 == 2 }.count
        let lowercase = kinds.filter { $0 == 2 }.count
        return changes * 10 >= (kinds.count - 1) * 3 && lowercase < 3 * lowercaseRuns
    }

    /// `text` with each word that ``looksLikeToken(_:)`` replaced by `<redacted>`. A `=` with more
    /// of the word after it parts two words (`--token=eyJ…`); at the end it is padding (`…Q==`).
    public static func masked(_ text: String) -> String {
        var result = ""
        var word: [Unicode.Scalar] = []
        func close() {
            var piece = String.UnicodeScalarView()
            // A `=` before this index has more of the word after it; from it on, `=` is padding.
            let padding = (word.lastIndex { $0 != "=" } ?? -1) + 1
            for (index, scalar) in word.enumerated() {
                if scalar == "=", index < padding {
                    result += looksLikeToken(String(piece)) ? "<redacted>" : String(piece)
                    result += "="
                    piece = String.UnicodeScalarView()
                } else {
                    piece.append(scalar)
                }
            }
            result += looksLikeToken(String(piece)) ? "<redacted>" : String(piece)
            word = []
        }
        for scalar in text.unicodeScalars {
            if isTokenScalar(scalar) {
                word.append(scalar)
            } else {
                close()
                result.unicodeScalars.append(scalar)
            }
        }
        close()
        return result
    }

    /// `'word'`, or what it is when it looks like a token: `a word of 400 characters that looks
    /// like a token (not shown)`.
    public static func quoted(_ word: String) -> String {
        looksLikeToken(word) ? "a word of \(word.count) characters that looks like a token (not shown)" : "'\(word)'"
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", "+", "/", "=": true
        default: false
        }
    }

    /// 1 an uppercase letter, 2 a lowercase one, 3 a digit, 0 anything else.
    private static func kind(_ scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case "A"..."Z": 1
        case "a"..."z": 2
        case "0"..."9": 3
        default: 0
        }
    }
}
