/// Everything that can go wrong in refsh, as data: a kind (which decides the exit code), a
/// one-line message, and where in which script, when known. ``ErrorRenderer`` turns it into text.
public struct RefScriptError: Error, Sendable, Equatable {
    /// The class of failure; each maps to a documented exit code.
    public enum Kind: Sendable, Equatable {
        /// A command could not do what was asked (exit 1).
        case command
        /// Bad syntax or usage; reported before anything runs (exit 2).
        case syntax
        /// An `assert` that did not hold (exit 3).
        case assertion
        /// The server copy changed under us (412 and friends) (exit 4).
        case conflict
        /// Network or service failure (exit 5).
        case service
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// Set for syntax errors caused only by input ending too early (an open `{`, `if` without
    /// `end`, a trailing `\`): an interactive reader asks for more lines instead of failing.
    public var isIncomplete: Bool

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, incomplete: Bool = false) {
        self.kind = kind
        self.message = message
        self.location = location
        self.isIncomplete = incomplete
    }

    /// The error, located at `location` unless it already has a location.
    public func located(at location: SourceLocation) -> RefScriptError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }

    /// The documented exit code of this kind of failure.
    public var exitCode: ExitCode {
        switch kind {
        case .command: .commandFailed
        case .syntax: .usage
        case .assertion: .assertionFailed
        case .conflict: .conflict
        case .service: .service
        }
    }
}

/// refsh's exit codes (README, "Exit codes").
public struct ExitCode: RawRepresentable, Sendable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(rawValue: 0)
    public static let commandFailed = ExitCode(rawValue: 1)
    public static let usage = ExitCode(rawValue: 2)
    public static let assertionFailed = ExitCode(rawValue: 3)
    public static let conflict = ExitCode(rawValue: 4)
    public static let service = ExitCode(rawValue: 5)
}

/// The one place errors become text for people.
public enum ErrorRenderer {
    /// `FILE:LINE:COL: error: message`, or `error: message` without a location.
    public static func render(_ error: RefScriptError, showLocation: Bool = true) -> String {
        if showLocation, let location = error.location { return "\(location): error: \(error.message)" }
        return "error: \(error.message)"
    }

    /// `warning: message` (warnings do not fail a command).
    public static func renderWarning(_ message: String) -> String { "warning: \(message)" }
}
