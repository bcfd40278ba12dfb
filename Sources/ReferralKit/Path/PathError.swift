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
    public var description: String { "\(Self.shortened(path, bytes: path.utf8.count)): \(reason)" }

    /// The most characters of a path an error shows.
    public static let longestShown = 80

    /// `shown` (a path as an error quotes it), cut at ``longestShown`` characters with the
    /// length of what it shows (`bytes`) when it is longer.
    public static func shortened(_ shown: String, bytes: Int) -> String {
        shown.count > longestShown ? shown.prefix(longestShown - 1) + "… (\(bytes) bytes)" : shown
    }
}
