/// The parts of an absolute URL (`scheme://authority/path?query`) that refsh works with, read
/// without Foundation: the origin a token may go to, the scheme, host and port, and the path
/// with its query.
public struct AbsoluteURL: Sendable, Equatable {
    /// `scheme://authority`, as written.
    public let origin: String
    /// The path and query (`/` when there is none).
    public let pathAndQuery: String
    /// The scheme, lowercased.
    public let scheme: String
    /// The host: lowercased, without user info, port or IPv6 brackets.
    public let host: String
    /// The port: as written (1 to 65535), else the scheme's own (80, 443); `nil` when the one
    /// written is no port, or an unknown scheme has none written.
    public let port: Int?

    /// The port `scheme` (lowercased) uses when none is written: 80 for http, 443 for https.
    public static func defaultPort(of scheme: String) -> Int? { ["http": 80, "https": 443][scheme] }

    public init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        scheme = text[..<schemeEnd.lowerBound].lowercased()
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
        let afterHost = authority.hasPrefix("[") ? authority.drop { $0 != "]" }.dropFirst() : authority.drop { $0 != ":" }
        if afterHost.hasPrefix(":"), afterHost.count > 1 {
            port = Int(afterHost.dropFirst()).flatMap { (1...65_535).contains($0) ? $0 : nil }
        } else {
            port = Self.defaultPort(of: scheme)
        }
    }
}
