import RefScript

/// What the session's interpreter prints during one tool call, kept to build the tool's result
/// (MCP's stdout is the protocol's: nothing of the interpreter's may reach it).
final class CapturingSink: OutputSink {
    private(set) var standardOutput = ""
    private(set) var standardError = ""
    var isTerminal: Bool { false }

    func write(_ text: String) { standardOutput += text }
    func writeError(_ text: String) { standardError += text }

    /// Forgets what was written (before each command).
    func clear() {
        standardOutput = ""
        standardError = ""
    }
}
