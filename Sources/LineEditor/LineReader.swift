/// Reads input lines for the interactive shell. The libedit reader (terminal) and the plain
/// reader (pipes) implement it; tests use ``ScriptedLineReader``.
public protocol LineReader {
    /// Shows `prompt` (when the reader shows prompts) and reads one line without its newline.
    mutating func readLine(prompt: String) -> LineInput
    /// Records an entered line in the history (readers without history ignore it).
    mutating func addToHistory(_ line: String)
    /// Takes out of the history, in memory and in its file, every entry `keep` refuses (a line
    /// recorded before a secret it holds was known to be one).
    mutating func forgetHistory(unless keep: (String) -> Bool)
    /// Watches for Ctrl-C while a command runs (`nil`: this reader cannot tell).
    var interrupts: (any InterruptSource)? { get }
}

/// Counts Ctrl-C presses that arrive while no line is being read, so the shell can cancel the
/// command running then.
public protocol InterruptSource: Sendable {
    /// How many have arrived since the process started; only its changes matter.
    func count() -> Int
}

/// What a read produced.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// The user pressed Ctrl-C: drop the current input, keep the session.
    case interrupted
    /// End of input (Ctrl-D on an empty line, or the end of a pipe).
    case endOfInput
}

extension LineReader {
    public mutating func addToHistory(_ line: String) {}
    public mutating func forgetHistory(unless keep: (String) -> Bool) {}
    public var interrupts: (any InterruptSource)? { nil }
}

/// Reads standard input line by line, without prompts or editing (when stdin is not a terminal).
public struct PlainLineReader: LineReader {
    public init() {}

    public mutating func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }
}

/// Hands out prepared lines: for tests of the interactive loop.
public struct ScriptedLineReader: LineReader {
    public var lines: [LineInput]
    /// The prompts shown, in order.
    public private(set) var prompts: [String] = []
    /// Lines added to the history.
    public private(set) var history: [String] = []
    public var interrupts: (any InterruptSource)?

    public init(_ lines: [LineInput], interrupts: (any InterruptSource)? = nil) {
        self.lines = lines
        self.interrupts = interrupts
    }

    public mutating func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : lines.removeFirst()
    }

    public mutating func addToHistory(_ line: String) { history.append(line) }
    public mutating func forgetHistory(unless keep: (String) -> Bool) { history.removeAll { !keep($0) } }
}
