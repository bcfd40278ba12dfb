/// The parts of an absolute URL (`scheme://authority/path?query`) that refsh works with, read
/// without Foundation: the origin a token may go to, the host, and the path with its query.
public struct AbsoluteURL: Sendable, Equatable {
    /// `scheme://authority`, as written.
    public let origin: String
    /// The path and query (`/` when there is none).
    public let pathAndQuery: String
    /// The host: lowercased, without user info, port or IPv6 brackets.
    public let host: String

    public init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        origin = String(text[..<end])
        pathAndQuery = end == rest.endIndex ? "/" : String(rest[end...])
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
        } else {
            host = String(authority.prefix { $0 != ":" }).lowercased()
        }
    }
}
