/// `option [name [value]]`: show or change session options.
public enum OptionCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "option", aliases: ["set-option"], synopsis: "option [<name> [<value>]]",
        summary: "Show or change an option: errexit, echo-commands, output, color, and the sign-in's settings.",
        help: """
            errexit on|off        stop a script at the first failing command (default on)
            echo-commands on|off  print each command, prefixed with '+ ', before running it
            output pretty|json    how show, diff --patch and validate print
            color auto|on|off     colours in show and diff (auto: on a terminal unless NO_COLOR is set)
            tenant, client-id, scope, authority
                                  the defaults of login (see help login); `-` unsets one
            token-command <cmd>   a credential helper whose output is the token (see help token)
            Without arguments, lists every option with its value.
            """,
        examples: [
            "option errexit off", "option output json", "option tenant contoso.onmicrosoft.com",
            "option token-command \"az account get-access-token --resource https://api.partner.microsoft.com\"", "option",
        ],
        arguments: [
            ArgumentSpec(
                "name", .choice(["errexit", "echo-commands", "output", "color", "quiet"] + SignInOption.allCases.map(\.rawValue)), optional: true),
            ArgumentSpec("value", .choice(["on", "off", "pretty", "json", "auto"]), optional: true),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let output = interpreter.world.output
        guard let name = try await call.optionalText(0, &interpreter) else {
            for entry in interpreter.options.listing { output.write("\(entry.name) \(entry.value)\n") }
            for option in SignInOption.allCases { output.write("\(option.rawValue) \(option.value(in: interpreter.connection))\n") }
            return .done
        }
        if let option = SignInOption(rawValue: name) {
            guard let value = try await call.optionalText(1, &interpreter) else {
                output.write("\(option.rawValue) \(option.value(in: interpreter.connection))\n")
                return .done
            }
            var connection = interpreter.connection
            do {
                try option.set(value, in: &connection)
            } catch {
                throw call.error(error.message, at: 1)
            }
            await interpreter.online.disconnect()
            interpreter.connection = connection
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
