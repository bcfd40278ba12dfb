import Foundation
import RefScript
import ReferralKit
import ReferralsWire

/// Which entries typed at the prompt may be kept in the history file: none that sets or shows a token.
///
/// An entry (one line, or the several lines of a block or an open JSON value) is refused when:
///
/// - it holds a secret of the session (its token, or one a sign-in obtained), or 16 characters or
///   more of one from anywhere in it (the line joined where `\` continued it): its text, the text with `\`, `'` and `"` taken out
///   (`echo Bearer\ <token>`, `'abc'"123"`), the literal text of any word of its parse (so
///   `"\u{61}bc123"` and JSON escapes in `{…}` too), the token's base64 (standard or URL-safe,
///   padding dropped) or its percent-encoding, and for a token of 16 characters or more its
///   hex and its text folded to one case. Any non-empty token counts, however short: a
///   short test token makes some ordinary lines unrecorded, which is the cheaper mistake;
/// - it mentions `bearer ` (any case), in its text or its text without quotes and backslashes;
/// - it parses and runs `token` anywhere: as a statement, or in an `if`/`else` or `for` body,
///   at any depth (`(token …)` does not parse: `token` gives no value; see the next rule for
///   such lines). What counts is the command the parser resolves (`to\ken` is `token`; `'token'` and
///   `"token"` are not command names, so such a line does not parse: see the next rule). The
///   word `token` as an argument is fine (`help token`, `echo token`, `let token 1`);
/// - it does not parse and has a word that may be a `token` command, ignoring case and quotes:
///   `token`, a word that starts with `token` (`tokens`, `token-x`), or a likely typo of it
///   (one edit away, such as `tokn`, `taken`, or its letters swapped, such as `tokne`). Words are
///   split at every character that is not a letter, digit or `_`. Such a line cannot be fixed
///   with Up afterwards: it may have been a `token` command with a real token in it.
///
/// A token split over variables (`let a abc; echo ${a}123`) is not recognised: that takes running
/// the entry.
public enum HistoryPolicy {
    /// Whether `text`, one entry of the interactive shell, may be saved in the history file.
    public static func mayRecord(_ text: String, registry: CommandRegistry, secrets: [Secret]) -> Bool {
        let plain = withoutQuotes(text)
        if mentionsBearer(text) || mentionsBearer(plain) { return false }
        let forms = secrets.flatMap { encodings(of: $0.reveal()) }
        if forms.contains(where: { text.contains($0) || plain.contains($0) }) { return false }
        // 16 characters or more of one, from anywhere in it (a token pasted cut short, or split
        // over two lines with `\`).
        let pieces = SecretPieces(secrets.map { $0.reveal() })
        if [text, plain, text.replacingOccurrences(of: "\\\n", with: "")].contains(where: { pieces.redacted($0) != nil }) { return false }
        // Any percent-encoding of it, however many characters it encodes (`%2E` for a dot too).
        for form in [text, plain] where form.contains("%") {
            let decoded = PercentEncoding.decode(form)
            if secrets.contains(where: { !$0.reveal().isEmpty && decoded.contains($0.reveal()) }) { return false }
        }
        let program: Program
        do {
            program = try Parser.parse(text, file: Interpreter.typedFile, registry: registry)
        } catch {
            return !identifierWords(in: text).contains(where: mayBeToken)
                && !identifierWords(in: plain).contains(where: mayBeToken)
        }
        if program.containsCommand(TokenCommand.self) { return false }
        let raw = secrets.map { $0.reveal() }.filter { !$0.isEmpty }
        guard !raw.isEmpty else { return true }
        return !program.arguments.contains { literalTexts(of: $0).contains { text in raw.contains { text.contains($0) } } }
    }

    /// The token's text and the encodings of it worth looking for, whatever its length; none for an empty token.
    static func encodings(of secret: String) -> [String] { SecretForms.forms(of: secret, encodedFrom: 1) }

    /// `text` without backslashes and quotes: roughly the words' text once the lexer is done.
    static func withoutQuotes(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\\" && $0 != "'" && $0 != "\"" }.map(Character.init))
    }

    private static func mentionsBearer(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("bearer ") || lowered.contains("bearer\t")
    }

    /// The words of `text`, lowercased, split at every character that is not a letter, digit or `_`.
    static func identifierWords(in text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// Whether a word of a line that does not parse may be the `token` command, maybe mistyped.
    static func mayBeToken(_ word: Substring) -> Bool {
        if word.hasPrefix("token") { return true }
        guard (4...6).contains(word.count) else { return false }
        return EditDistance.between(String(word), "token") <= 1 || word.sorted() == "token".sorted()
    }

    /// The literal text of an argument's word (variables and substitutions left out, the rest
    /// joined), and every string and key of the JSON value it was parsed into.
    private static func literalTexts(of argument: Argument) -> [String] {
        var texts: [String] = []
        var literal = ""
        for part in argument.word.parts {
            switch part {
            case .bare(let text), .quoted(let text), .bracketed(let text): literal += text
            case .variable, .substitution: break
            }
        }
        texts.append(literal)
        if case .value(let value)? = argument.prepared { collectStrings(value, into: &texts) }
        return texts
    }

    private static func collectStrings(_ value: JSONValue, into texts: inout [String]) {
        switch value {
        case .string(let text): texts.append(text)
        case .array(let items): items.forEach { collectStrings($0, into: &texts) }
        case .object(let object):
            for (key, member) in object {
                texts.append(key)
                collectStrings(member, into: &texts)
            }
        case .null, .bool, .number: break
        }
    }
}
