/// One problem validation found, naming the field: `details.dealValue: expected a number, got string "x"`.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// Errors stop a write; warnings are shown and let it through.
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public var severity: Severity
    /// The offending field.
    public var path: JSONPath
    public var message: String
    /// Set for issues about a change as such (a read-only field changed, a refused transition):
    /// they are the user's even where the value they name looks as the server sent it.
    public var concernsChange: Bool

    public init(_ severity: Severity, _ path: JSONPath, _ message: String, concernsChange: Bool = false) {
        self.severity = severity
        self.path = path
        self.message = message
        self.concernsChange = concernsChange
    }

    public var description: String { "\(path): \(message)" }
}
