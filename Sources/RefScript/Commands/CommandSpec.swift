import ReferralKit

/// Everything refsh knows about a command, in one table that parsing, `help` and completion read.
///
/// A class: each command has one immutable spec, read by the parser for every line, so reading
/// it must not copy its lists.
public final class CommandSpec: Sendable {
    /// The name typed, e.g. "set".
    public let name: String
    /// Other names that run the same command, e.g. "set-option" for "option".
    public let aliases: [String]
    /// One line: `set [--force] <path> <value>`.
    public let synopsis: String
    /// One sentence for the command list.
    public let summary: String
    /// The full description for `help <command>`.
    public let help: String
    /// Example lines, shown by `help <command>`.
    public let examples: [String]
    /// Positional arguments in order.
    public let arguments: [ArgumentSpec]
    /// Flags (`--force`).
    public let flags: [FlagSpec]
    /// Whether the words after the flags form a condition (`assert`).
    public let takesCondition: Bool
    /// A word the condition starts with (`wait until …`); flags may then also follow it.
    public let conditionKeyword: String?
    /// Whether it gives a value, so that `( … )` may hold it (`get`, `list`): checked when the
    /// script is read, so a `(patch)` sends nothing before it fails.
    public let givesValue: Bool
    /// What is wrong with the arguments written in the script taken together (the texts of
    /// those written literally, `nil` for the others), when one depends on another (`option
    /// errexit of`): the argument's index and the message. Checked before anything runs.
    public let argumentsCheck: (@Sendable ([String?]) -> (index: Int, message: String)?)?

    public init(
        name: String, aliases: [String] = [], synopsis: String, summary: String, help: String,
        examples: [String] = [], arguments: [ArgumentSpec] = [], flags: [FlagSpec] = [], takesCondition: Bool = false,
        conditionKeyword: String? = nil, givesValue: Bool = false,
        argumentsCheck: (@Sendable ([String?]) -> (index: Int, message: String)?)? = nil
    ) {
        self.conditionKeyword = conditionKeyword
        self.givesValue = givesValue
        self.argumentsCheck = argumentsCheck
        self.name = name
        self.aliases = aliases
        self.synopsis = synopsis
        self.summary = summary
        self.help = help
        self.examples = examples
        self.arguments = arguments
        self.flags = flags
        self.takesCondition = takesCondition
        minimumArguments = arguments.filter { !$0.isOptional && !$0.isVariadic }.count
        maximumArguments = arguments.contains { $0.isVariadic } ? nil : arguments.count
    }

    /// Fewest positional arguments accepted.
    public let minimumArguments: Int
    /// Most positional arguments accepted (`nil`: no limit).
    public let maximumArguments: Int?
}

/// One positional argument of a command.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var kind: ArgumentKind
    public var isOptional: Bool
    /// Takes all remaining words (only the last argument).
    public var isVariadic: Bool
    /// What is wrong with an argument written in the script, when something can be (checked
    /// before anything runs, by the rule the command applies as it runs).
    public var check: (@Sendable (String) -> String?)?

    public init(
        _ name: String, _ kind: ArgumentKind, optional: Bool = false, variadic: Bool = false, check: (@Sendable (String) -> String?)? = nil
    ) {
        self.check = check
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.isVariadic = variadic
    }
}

/// What an argument is; decides how a literal is prepared and what completion offers.
public enum ArgumentKind: Sendable, Equatable {
    /// A path into the working referral.
    case path
    /// A JSON value (bare JSON literal, object or array) or a string.
    case value
    /// Plain text.
    case text
    /// A file name.
    case file
    /// One of a fixed list (completion offers them).
    case choice([String])
    /// A referral status (completion offers the allowed next ones).
    case status
    /// A substatus, or free text (completion offers the substatuses of the status before it).
    case substatus
    /// A command name or help topic.
    case command
    /// A variable name.
    case variableName
    /// A referral id (completion offers the ids seen in `list`).
    case referralId
}

/// A `--flag` of a command.
public struct FlagSpec: Sendable {
    public var name: String
    public var summary: String
    /// Whether the flag takes a value (`--top 10`).
    public var valueName: String?
    /// The whole numbers the value may be, when it must be one (a literal is checked before
    /// anything runs).
    public var numbers: ClosedRange<Int>?
    /// What is wrong with a value written in the script, when something can be (checked before
    /// anything runs, with the same rule the command applies to a value worked out as it runs).
    public var check: (@Sendable (String) -> String?)?
    /// The values Tab offers for the flag's value.
    public var choices: [String]

    public init(
        _ name: String, _ summary: String, value valueName: String? = nil, numbers: ClosedRange<Int>? = nil,
        check: (@Sendable (String) -> String?)? = nil, choices: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.valueName = valueName
        self.numbers = numbers
        self.check = check
        self.choices = choices
    }

    /// The usage error for a value of this flag that is not a whole number in ``numbers`` or that
    /// ``check`` refuses, or `nil` when `text` is fine (or any value is allowed).
    func problem(with text: String, command: String) -> String? {
        if let check, let problem = check(text) { return "\(command): --\(name) \(problem)" }
        guard let numbers else { return nil }
        if let number = Int(text), numbers.contains(number) { return nil }
        return "\(command): --\(name) needs a whole number from \(numbers.lowerBound) to \(numbers.upperBound), got '\(text)'"
    }
}

/// A command of the language: its spec and what it does. One command = one file.
public protocol ScriptCommand: Sendable {
    /// The command's table entry.
    static var spec: CommandSpec { get }
    /// Runs the checked invocation against the interpreter's state.
    static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome
}

/// What a command hands back to the interpreter.
public enum CommandOutcome: Sendable {
    /// Nothing more to do.
    case done
    /// A value: printed at top level (raw), used by `( … )` substitution.
    case value(JSONValue)
    /// Stop the script (or the shell) with this exit code.
    case exit(ExitCode)
}
