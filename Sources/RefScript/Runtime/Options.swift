import ReferralKit
import ReferralsWire

/// The `option` settings of a session.
public struct Options: Sendable, Equatable {
    /// Stop a script at the first failing command.
    public var errexit = true
    /// Print each command (`+ set …`) before running it.
    public var echoCommands = false
    /// `show`, `diff --patch` and `validate` as pretty text or compact JSON.
    public var output: OutputFormat = .pretty
    /// Colours in `show` and `diff`.
    public var color: ColorMode = .auto
    /// No line on standard error for each retry of a request.
    public var quiet = false

    public init() {}

    public enum OutputFormat: String, Sendable, CaseIterable { case pretty, json }
    public enum ColorMode: String, Sendable, CaseIterable { case auto, on, off }

    /// Every option by name with its current value, in display order.
    public var listing: [(name: String, value: String, choices: [String])] {
        [
            ("errexit", errexit ? "on" : "off", ["on", "off"]),
            ("echo-commands", echoCommands ? "on" : "off", ["on", "off"]),
            ("output", output.rawValue, OutputFormat.allCases.map(\.rawValue)),
            ("color", color.rawValue, ColorMode.allCases.map(\.rawValue)),
            ("quiet", quiet ? "on" : "off", ["on", "off"]),
        ]
    }

    /// Every option `option` takes: the session's, the throttle's and the sign-in's.
    static var allNames: [String] { Options().listing.map(\.name) + ["rate"] + SignInOption.allCases.map(\.rawValue) }

    /// Why `name` is not an option `option` takes, with the closest name; `nil` when it is one.
    static func nameProblem(_ name: String) -> String? {
        let names = allNames
        guard !names.contains(name) else { return nil }
        let hint = EditDistance.closest(to: name, in: names).map { "did you mean \($0)? " } ?? ""
        return "unknown option '\(VisibleText.of(name, upTo: 40))' (\(hint)options: \(names.joined(separator: ", ")))"
    }

    /// Why `value` is not one option `name` (one of the session's own) takes; `nil` when it is,
    /// or when `name` takes any value (`rate`, the sign-in's settings).
    static func valueProblem(_ name: String, _ value: String) -> String? {
        guard let choices = choices(for: name), !choices.contains(value) else { return nil }
        return "option \(name) takes \(choices.joined(separator: " or ")), not '\(VisibleText.of(value, upTo: 40))'"
    }

    /// The values option `name` (one of the session's own) takes; `nil` for one that takes any.
    public static func choices(for name: String) -> [String]? {
        Options().listing.first { $0.name == name }?.choices
    }

    /// Sets option `name` to `value`; throws a message listing the choices when either is unknown.
    public mutating func set(_ name: String, to value: String) throws(RefScriptError) {
        if let problem = Self.nameProblem(name) { throw RefScriptError(.command, problem) }
        if let problem = Self.valueProblem(name, value) { throw RefScriptError(.command, problem) }
        switch name {
        case "errexit": errexit = value == "on"
        case "echo-commands": echoCommands = value == "on"
        case "output": output = OutputFormat(rawValue: value) ?? output
        case "quiet": quiet = value == "on"
        default: color = ColorMode(rawValue: value) ?? color
        }
    }
}
