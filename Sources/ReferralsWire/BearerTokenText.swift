/// A bearer token as a person or a program gives it: surrounding whitespace and a `Bearer `
/// prefix dropped, and refused when nothing is left or when it is not one word (HTTP would refuse
/// the header). The reason never shows the token.
public enum BearerTokenText {
    /// The token in `raw`, or why there is none.
    public static func cleaned(_ raw: String) -> Result<String, Refusal> {
        var token = raw.trimmingBlanks()
        if token.lowercased().hasPrefix("bearer ") { token = String(token.dropFirst(7)).trimmingBlanks() }
        guard !token.isEmpty else { return .failure(Refusal(message: "the token is empty")) }
        if let position = token.unicodeScalars.firstIndex(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            let offset = token.unicodeScalars.distance(from: token.unicodeScalars.startIndex, to: position) + 1
            return .failure(Refusal(message: "the token has a space or control character at character \(offset); a bearer token is one word"))
        }
        return .success(token)
    }

    /// Why a text is not a bearer token.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        guard let first = firstIndex(where: { !blanks.contains($0) }), let last = lastIndex(where: { !blanks.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
