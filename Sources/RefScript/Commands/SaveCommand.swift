import ReferralKit

/// `save <file>`: write the working referral to a file.
public enum SaveCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "save", synopsis: "save <file>",
        summary: "Write the working referral to a file as pretty JSON (2-space indent, key order kept).",
        help: "Replaces the file. The baseline does not change: `diff` still compares with it.",
        examples: ["save referral.json"],
        arguments: [ArgumentSpec("file", .file)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let name = try await call.text(0, &interpreter)
        do {
            try interpreter.world.files.writeText(JSONPrinter.pretty.print(working) + "\n", to: name)
        } catch {
            throw call.error("cannot write \(name): \(error.message)", at: 0)
        }
        interpreter.workingCopy.markSaved()
        return .done
    }
}
