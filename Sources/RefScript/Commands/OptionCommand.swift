/// `option [name [value]]`: show or change session options.
public enum OptionCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "option", aliases: ["set-option"], synopsis: "option [<name> [<value>]]",
        summary: "Show or change an option: errexit, echo-commands, output, color.",
        help: """
            errexit on|off        stop a script at the first failing command (default on)
            echo-commands on|off  print each command, prefixed with '+ ', before running it
            output pretty|json    how show, diff --patch and validate print
            color auto|on|off     colours in show and diff (auto: on a terminal unless NO_COLOR is set)
            Without arguments, lists every option with its value.
            """,
        examples: ["option errexit off", "option output json", "option"],
        arguments: [
            ArgumentSpec("name", .choice(["errexit", "echo-commands", "output", "color"]), optional: true),
            ArgumentSpec("value", .choice(["on", "off", "pretty", "json", "auto"]), optional: true),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let output = interpreter.world.output
        guard let name = try await call.optionalText(0, &interpreter) else {
            for entry in interpreter.options.listing { output.write("\(entry.name) \(entry.value)\n") }
            return .done
        }
        guard let value = try await call.optionalText(1, &interpreter) else {
            guard let entry = interpreter.options.listing.first(where: { $0.name == name }) else {
                try interpreter.options.set(name, to: "")
                return .done
            }
            output.write("\(entry.name) \(entry.value)\n")
            return .done
        }
        do {
            try interpreter.options.set(name, to: value)
        } catch {
            throw call.error(error.message, at: error.message.hasPrefix("unknown option") ? 0 : 1)
        }
        return .done
    }
}
