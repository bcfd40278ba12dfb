import ReferralKit

/// A parsed, checked script: every command exists, has the right number of arguments and known
/// flags, and literal paths and JSON arguments are already parsed.
public struct Program: Sendable {
    public var statements: [Statement]
    public init(statements: [Statement]) { self.statements = statements }
}

/// One statement of a script. (Not `indirect`: a command, by far the most common statement, is
/// stored inline rather than in a box of its own; blocks hold their bodies in arrays.)
public enum Statement: Sendable {
    case command(Invocation)
    /// `if … else if … else … end`: the first branch whose condition holds runs.
    case conditional(branches: [(condition: Condition, body: [Statement])], otherwise: [Statement]?, location: SourceLocation)
    /// `for [--jobs N] [--journal FILE] name in list … end`.
    case loop(variable: String, items: [Argument], body: [Statement], parallel: LoopFlags?, location: SourceLocation)
    /// `try … catch … end`: the handler runs, with `$error` set, when a command of the body fails.
    case attempt(body: [Statement], handler: [Statement], location: SourceLocation)

    /// Where the statement starts: its command's name, or its block's keyword.
    public var location: SourceLocation {
        switch self {
        case .command(let invocation): invocation.location
        case .conditional(_, _, let location), .loop(_, _, _, _, let location), .attempt(_, _, let location): location
        }
    }
}

/// A command with its arguments, checked against the command's spec.
public struct Invocation: Sendable {
    /// The command as the registry knows it.
    public var command: any ScriptCommand.Type
    /// The command word (to echo and locate errors).
    public var nameWord: Word
    /// Flags given, by canonical name (`--force` → "force"), with their values for valued flags.
    public var flags: [String: Argument?]
    /// Positional arguments in order.
    public var arguments: [Argument]
    /// A parsed condition, for commands that take one (`assert`).
    public var condition: Condition?
    /// The condition as written (its words, one space apart).
    public var conditionText: String? { condition?.sourceText }
    /// The command line rebuilt from its words (flags first), for `echo-commands` and messages.
    public var sourceText: String {
        var words = [nameWord.raw]
        for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
            words.append("--" + name)
            if let value { words.append(value.word.raw) }
        }
        if let conditionText { words.append(conditionText) }
        words += arguments.map(\.word.raw)
        return words.joined(separator: " ")
    }

    public var location: SourceLocation { nameWord.location }
}

/// An argument word plus whatever could be worked out before running.
public struct Argument: Sendable {
    public var word: Word
    /// Set when the word is a literal that was parsed up front.
    public var prepared: Prepared?

    /// What a literal word was parsed into.
    public enum Prepared: Sendable {
        case path(JSONPath)
        case value(JSONValue)
        /// `[a, $v]`: a list whose items are worked out as it runs.
        case list([Argument])
    }

    public var location: SourceLocation { word.location }
}

/// A condition of `if`, `assert` and friends.
public indirect enum Condition: Sendable {
    /// `left op right`.
    case compare(Operand, ComparisonOperator, Operand)
    /// `left in [a, b]`.
    case member(Operand, Argument)
    /// `exists path`.
    case exists(Argument)
    /// A single operand: true unless false, null or missing.
    case truthy(Operand)
    case not(Condition)
    /// Every one holds (two or more, flat: a long chain is a list, never a deep tree).
    case and([Condition])
    /// One of them holds (two or more, flat).
    case or([Condition])

    /// The condition's words as written, one space apart (the grammar has no parentheses, so
    /// this is exactly the words it was parsed from).
    public var sourceText: String {
        switch self {
        case .compare(let left, let op, let right): "\(left.argument.word.raw) \(op.rawValue) \(right.argument.word.raw)"
        case .member(let left, let list): "\(left.argument.word.raw) in \(list.word.raw)"
        case .exists(let path): "exists \(path.word.raw)"
        case .truthy(let operand): operand.argument.word.raw
        case .not(let inner): "not \(inner.sourceText)"
        case .and(let all): all.map(\.sourceText).joined(separator: " and ")
        case .or(let any): any.map(\.sourceText).joined(separator: " or ")
        }
    }
}

/// One side of a comparison: a path into the working referral (a bare word that is not a JSON
/// literal) or a value.
public struct Operand: Sendable {
    public var argument: Argument
    public var isPath: Bool
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// The flags of a parallel loop (`for --jobs N --journal FILE …`); a loop without them has none
/// and runs as a plain loop.
public struct LoopFlags: Sendable {
    /// `--jobs N`: iterations run N at a time (1 when only `--journal` is given).
    public var jobs: Argument?
    /// `--journal FILE`: finished items are kept there, and skipped by a rerun.
    public var journal: Argument?
}
