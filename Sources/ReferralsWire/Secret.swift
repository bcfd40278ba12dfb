/// A secret (a bearer token): it prints as `<redacted>` in every description, dump and
/// interpolation, so it cannot reach output by accident. Only a transport calls ``reveal()``.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String
    public init(_ value: String) { self.value = value }
    /// The secret itself, for the `Authorization` header and nothing else.
    public func reveal() -> String { value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
    /// Whether `text` contains the secret (to scrub messages that might echo it).
    public func occurs(in text: String) -> Bool { !value.isEmpty && text.contains(value) }
    /// `text` with every occurrence of the secret replaced by `<redacted>`.
    public func redacted(in text: String) -> String {
        guard occurs(in: text) else { return text }
        return text.split(separator: value, omittingEmptySubsequences: false).joined(separator: "<redacted>")
    }

    /// `text` with each occurrence of the secret that stands as a whole token (no token
    /// character — letter, digit, `-._~+/` — right before or after it) replaced by
    /// `<redacted>`: for short secrets, whose text may also be part of ordinary words.
    public func redactedAsWholeToken(in text: String) -> String {
        guard occurs(in: text) else { return text }
        let isTokenCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || "-._~+/".contains($0) }
        var result = ""
        var searched = text.startIndex
        while let range = text[searched...].firstRange(of: value) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            let whole = !(before.map(isTokenCharacter) ?? false) && !(after.map(isTokenCharacter) ?? false)
            result += text[searched..<range.lowerBound]
            result += whole ? "<redacted>" : value
            searched = range.upperBound
        }
        return result + text[searched...]
    }
}
