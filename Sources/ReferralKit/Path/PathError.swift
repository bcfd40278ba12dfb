/// A path that does not fit the value it is applied to, e.g.
/// `team[7]: index out of range (team has 1 member)`.
public struct PathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path up to and including the step that failed, in refsh notation.
    public var path: String
    /// What is wrong at that step.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The path and the reason; a path longer than ``longestShown`` characters (a member name
    /// of kilobytes) is cut there and its length given, so the error stays one readable line.
    public var description: String {
        guard path.count > Self.longestShown else { return "\(path): \(reason)" }
        return "\(path.prefix(Self.longestShown - 1))… (\(path.utf8.count) bytes): \(reason)"
    }

    /// The most characters of a path an error shows.
    public static let longestShown = 80
}
