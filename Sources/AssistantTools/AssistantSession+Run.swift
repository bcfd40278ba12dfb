import MCP
import RefScript
import ReferralKit

extension AssistantSession {
    /// What a run of commands printed: its output, and its warnings (standard error).
    struct Ran {
        var output: String
        var warnings: [String]
    }

    /// Runs `text` (commands of refsh's language, values passed in `$mcp_…` variables so nothing
    /// an assistant sends is read as a command); a failure is its error lines as the problem.
    mutating func run(_ text: String) async throws(ToolArguments.Problem) -> Ran {
        sink.clear()
        let program: Program
        do {
            program = try interpreter.parse(text, file: "mcp")
        } catch {
            throw ToolArguments.Problem(message: redact(ErrorRenderer.render(error, showLocation: false)))
        }
        let code = await interpreter.run(program)
        if let last = await interpreter.online.lastExchange(), last.requestId != requests.last?.requestId { requests.append(last) }
        let lines = sink.standardError.lines().map(String.init)
        guard code == .success else {
            throw ToolArguments.Problem(message: lines.isEmpty ? "failed (exit \(code.rawValue))" : lines.map(Self.toolError).joined(separator: "\n"))
        }
        return Ran(output: sink.standardOutput, warnings: lines)
    }

    /// One error line of a run as the assistant gets it: without the position in the commands
    /// the tool ran (which the assistant never wrote), and without the shell's `--force` hint
    /// (no tool forces a change the schema refuses).
    static func toolError(_ line: String) -> String {
        guard case .object(var outer)? = JSONParser.parseIfPossible(Array(line.utf8)), case .object(var object)? = outer["error"] else {
            return line
        }
        for key in ["file", "line", "column"] { object.removeValue(forKey: key) }
        if let message = object["message"]?.stringValue, let hint = message.range(of: "; use --force to ") {
            object["message"] = .string(String(message[..<hint.lowerBound]))
        }
        outer["error"] = .object(object)
        return JSONPrinter.compact.print(.object(outer))
    }

    /// A result: `answer` as JSON text and structured content, with the warnings, redacted.
    func success(_ answer: JSONValue, warnings: [String]) -> CallTool.Result {
        var object = answer.objectValue ?? JSONObject()
        if !warnings.isEmpty { object["warnings"] = .array(warnings.map { .string($0) }) }
        let text = redact(JSONPrinter.compact.print(.object(object)))
        let structured = JSONParser.parseIfPossible(Array(text.utf8)).map(MCPValues.value)
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured, isError: false)
    }

    /// An error result: one message, redacted.
    func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: redact(message), annotations: nil, _meta: nil)], isError: true)
    }

    /// `text` with no secret of the session (any encoding) and, with `--redact-pii`, no contact
    /// data the pseudonyms know.
    func redact(_ text: String) -> String {
        let safe = interpreter.world.secretKeeper.redact(text)
        return pseudonyms?.replacingKnown(in: safe) ?? safe
    }
}
