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
            quiet on|off          no line on standard error for each retry of a request
            rate <n>|off          never more than n requests a second, all loops' together (--rate)
            tenant, client-id, scope, authority
                                  the defaults of login (see help login); `-` unsets one
            token-command <cmd>   a credential helper whose output is the token (see help token)
            Without arguments, lists every option with its value.
            """,
        examples: [
            "option errexit off", "option output json", "option rate 50", "option tenant contoso.onmicrosoft.com",
            "option token-command \"az account get-access-token --resource https://api.partner.microsoft.com\"", "option",
        ],
        arguments: [
            ArgumentSpec("name", .choice(Options.allNames), optional: true),
            ArgumentSpec("value", .choice(["on", "off", "pretty", "json", "auto"]), optional: true),
        ],
        // A mistyped name or value is found before the script runs.
        argumentsCheck: { texts in
            guard let name = texts.first ?? nil else { return nil }
            if let problem = Options.nameProblem(name) { return (0, problem) }
            guard texts.count == 2, let value = texts[1], let problem = Options.valueProblem(name, value) else { return nil }
            return (1, problem)
        })

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let output = interpreter.world.output
        guard let name = try await call.optionalText(0, &interpreter) else {
            for entry in interpreter.options.listing { output.write("\(entry.name) \(entry.value)\n") }
            output.write("rate \(await rateText(interpreter))\n")
            for option in SignInOption.allCases { output.write("\(option.rawValue) \(option.value(in: interpreter.connection))\n") }
            return .done
        }
        if name == "rate" { return try await rate(call, &interpreter) }
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

    /// `option rate [n|off]`: the session throttle's cap, shown or set.
    private static func rate(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let value = try await call.optionalText(1, &interpreter) else {
            interpreter.world.output.write("rate \(await rateText(interpreter))\n")
            return .done
        }
        guard let throttle = interpreter.world.connector?.throttle else {
            throw call.error("option rate: this refsh sends no requests", at: 0)
        }
        do {
            await throttle.setRate(try RateOption.parse(value))
        } catch {
            throw call.error(error.message, at: 1)
        }
        return .done
    }

    private static func rateText(_ interpreter: Interpreter) async -> String {
        guard let rate = await interpreter.world.connector?.throttle?.status().rate else { return "off" }
        return ProgressLine.number(rate)
    }
}

/// The value of `option rate` and `--rate`: requests a second, or `off`.
public enum RateOption {
    /// The largest cap accepted.
    public static let maximum = 1_000_000.0

    /// `nil` for `off`; a message for anything else that is not a number above 0.
    public static func parse(_ text: String) throws(RefScriptError) -> Double? {
        if text == "off" { return nil }
        guard let rate = Double(text), rate.isFinite, rate > 0, rate <= maximum, !text.hasPrefix("+") else {
            throw RefScriptError(.command, "rate takes requests a second, a number above 0 up to 1000000 (such as 300 or 0.5), or off; not '\(text)'")
        }
        return rate
    }
}
