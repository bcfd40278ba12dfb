import ReferralKit
import ReferralsWire

/// `help [command|topic]`: the command table and topics, from the same specs the parser uses.
public enum HelpCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "help", synopsis: "help [<command>|<topic>]",
        summary: "List the commands, or explain one command or topic.",
        help: "Topics: \(HelpTopics.names.joined(separator: ", ")).",
        examples: ["help", "help set", "help transitions"],
        arguments: [ArgumentSpec("command", .command, optional: true)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let output = interpreter.world.output
        let registry = interpreter.registry
        guard let name = try await call.optionalText(0, &interpreter) else {
            output.write(overview(registry))
            return .done
        }
        if let command = registry.command(named: name) {
            output.write(detail(command.spec))
        } else if let topic = HelpTopics.text(name) {
            output.write(topic)
        } else {
            let hint = EditDistance.closest(to: name, in: HelpTopics.names + registry.allNames).map { " (did you mean \($0)?)" } ?? ""
            throw call.error("no command or help topic '\(VisibleText.of(name, upTo: 80))'\(hint); 'help' lists them", at: 0)
        }
        return .done
    }

    static func overview(_ registry: CommandRegistry) -> String {
        var out = "Commands:\n"
        out += HelpLayout.columns(registry.commands.map { ($0.spec.name, $0.spec.summary) })
        out += "Blocks: if <condition> … [else …] end, for <name> in <list> … end, try … catch … end\n"
        let topics = "Topics: \(HelpTopics.names.joined(separator: ", ")). 'help <command>' or 'help <topic>' for more."
        out += HelpLayout.paragraphs(topics) + "\n"
        return out
    }

    static func detail(_ spec: CommandSpec) -> String {
        var out = "usage: \(spec.synopsis)\n\n\(HelpLayout.paragraphs(spec.summary))\n"
        if !spec.help.isEmpty { out += "\n\(HelpLayout.paragraphs(spec.help))\n" }
        if !spec.flags.isEmpty {
            out += "\nOptions:\n"
            out += HelpLayout.columns(spec.flags.map { flag in ("--\(flag.name)" + (flag.valueName.map { " <\($0)>" } ?? ""), flag.summary) })
        }
        if !spec.aliases.isEmpty { out += "\nAlso called: \(spec.aliases.joined(separator: ", "))\n" }
        if !spec.examples.isEmpty {
            out += "\nExamples:\n" + spec.examples.map { "  \($0)\n" }.joined()
        }
        return out
    }
}
