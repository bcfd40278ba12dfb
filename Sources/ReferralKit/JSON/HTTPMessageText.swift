/// A request or response written out as text, the way API documentation shows it:
/// a start line (`PUT https://… HTTP/1.1`), header lines, a blank line, then the JSON body.
///
/// Lets refsh open a documentation example as is and report JSON errors at the file's own
/// line numbers.
public struct HTTPMessageText: Sendable, Equatable {
    /// `PUT https://… HTTP/1.1` or `HTTP/1.1 200 OK`.
    public var startLine: String
    /// Header lines in order, as name and value.
    public var headers: [(name: String, value: String)]
    /// The text after the blank line.
    public var body: String
    /// 1-based line of the file on which the body starts.
    public var bodyLine: Int

    /// Splits `text` when it starts like an HTTP message; `nil` otherwise.
    public init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }[...]
        guard let first = lines.first, Self.looksLikeStartLine(first) else { return nil }
        startLine = String(first)
        lines = lines.dropFirst()
        headers = []
        var lineNumber = 2
        while let line = lines.first, !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimming(" \t")))
            lines = lines.dropFirst()
            lineNumber += 1
        }
        lines = lines.dropFirst()  // the blank line
        bodyLine = lineNumber + 1
        body = lines.joined(separator: "\n")
    }

    /// Parses the body as JSON; errors report the line of the whole message.
    public func parseBody() throws(JSONParseError) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            var shifted = error
            shifted.line += bodyLine - 1
            throw shifted
        }
    }

    public static func == (lhs: HTTPMessageText, rhs: HTTPMessageText) -> Bool {
        lhs.startLine == rhs.startLine && lhs.body == rhs.body && lhs.bodyLine == rhs.bodyLine
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    private static let methods = ["GET ", "PUT ", "POST ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS "]

    private static func looksLikeStartLine(_ line: Substring) -> Bool {
        line.hasPrefix("HTTP/") || methods.contains { line.hasPrefix($0) }
    }
}

extension StringProtocol {
    /// The text without leading and trailing Unicode scalars from `characters`. (Scalars, not
    /// characters: `"\r\n"` is one character, so a set of characters built from `" \r\n"`
    /// would not trim a lone `"\n"`.)
    public func trimming(_ characters: String) -> String {
        let trimmed = characters.unicodeScalars
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed.contains($0) }),
            let last = scalars.lastIndex(where: { !trimmed.contains($0) })
        else { return "" }
        // One copy of the kept range (appending scalar by scalar showed in the sandbox's profile).
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }
}
