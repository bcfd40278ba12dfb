import Foundation

/// Whether a value sent in a replay is the one a `--redact-pii` recording shows with pseudonyms
/// in it: the recorded text with each pseudonym (`Customer 1`, `Given2`, `contact3@example.invalid`,
/// `1 Example Street`, ...) standing for any text, and the rest as it is. The recording cannot say
/// what a pseudonym stood for, so replay compares around it (docs/support.md).
enum PseudonymMatch {
    /// The pseudonyms ``PIIPseudonyms`` makes, as they stand in free text. A postal code's is its
    /// number padded to five digits (`00002`): a five-digit number starting `00` stands for any
    /// text too (a real one that does, rare, is then compared less strictly, never wrongly refused).
    private static let pseudonym = try? NSRegularExpression(
        pattern:
            #"Customer \d+|Given\d+|Family\d+|contact\d+@example\.invalid|555\d{7}|\d+ Example Street|Unit \d+|City \d+|(?<![0-9])00[0-9]{3}(?![0-9])"#
    )

    static func matches(sent: String, recorded: String) -> Bool {
        guard let pseudonym else { return false }
        let whole = NSRange(recorded.startIndex..., in: recorded)
        let found = pseudonym.matches(in: recorded, range: whole)
        guard !found.isEmpty else { return false }
        var pattern = "^"
        var last = recorded.startIndex
        for match in found {
            guard let range = Range(match.range, in: recorded) else { return false }
            pattern += NSRegularExpression.escapedPattern(for: String(recorded[last..<range.lowerBound])) + "(.+?)"
            last = range.upperBound
        }
        pattern += NSRegularExpression.escapedPattern(for: String(recorded[last...])) + "$"
        guard let around = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return false }
        return around.firstMatch(in: sent, range: NSRange(sent.startIndex..., in: sent)) != nil
    }
}
