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

    public var description: String { "\(path): \(reason)" }
}
