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

    public init(_ severity: Severity, _ path: JSONPath, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
