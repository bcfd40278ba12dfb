/// `echo <word>…`: print words.
public enum EchoCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "echo", synopsis: "echo [<word>…]",
        summary: "Print the words, separated by spaces; values print as `get` shows them.",
        help: #"Variables and substitutions are expanded: `echo "deal: $amount"`, `echo (get status)`."#,
        examples: ["echo status is (get status)", #"echo "deal: $amount""#],
        arguments: [ArgumentSpec("word", .text, optional: true, variadic: true)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let words = try await call.texts(from: 0, &interpreter)
        interpreter.world.output.write(words.joined(separator: " ") + "\n")
        return .done
    }
}
