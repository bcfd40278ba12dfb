/// `version`: which refsh this is.
public enum VersionCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "version", synopsis: "version",
        summary: "Print refsh's version and the commit it was built from (support asks for it).",
        help: "The same line as `refsh --version`; a commit ending in -modified was built with uncommitted changes.",
        examples: ["version"], givesValue: true)

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        .value(.string(interpreter.world.version))
    }
}
