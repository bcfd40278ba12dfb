/// `trace [on|off|bodies on|bodies off|to FILE]`: show each HTTP exchange as it happens.
public enum TraceCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "trace", synopsis: "trace [on|off|bodies on|bodies off|to <file>]",
        summary: "Show every HTTP exchange (retries too): request, headers, status, duration; bodies on request.",
        help: """
            One block per exchange: the method and URL with the attempt number, the request
            headers (MS-RequestId and MS-CorrelationId among them), the status and how long the
            answer took, the response headers, and with `trace bodies on` both bodies
            pretty-printed (cut at 64 KiB). Sign-in requests are traced too. Authorization shows as
            `Bearer <redacted>`, and no token appears in any form. The trace goes to standard
            error, coloured on a terminal (not with NO_COLOR); `trace to FILE` appends it to a
            file instead (plain, created 0600), `trace to -` goes back to standard error.
            `trace` alone says what is traced. The same as --trace[=FILE] on the command line.
            """,
        examples: ["trace on", "trace bodies on", "trace to refsh-trace.txt", "trace off"],
        arguments: [
            ArgumentSpec("setting", .choice(["on", "off", "bodies", "to"]), optional: true),
            ArgumentSpec("value", .text, optional: true),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let traffic = interpreter.world.traffic else {
            throw RefScriptError(.command, "tracing is not available in this refsh")
        }
        var settings = traffic.trace
        switch try await call.optionalText(0, &interpreter) {
        case nil:
            interpreter.world.output.write(describe(settings) + "\n")
            return .done
        case "on"?:
            try noValue(call, &interpreter)
            settings.isOn = true
        case "off"?:
            try noValue(call, &interpreter)
            settings.isOn = false
        case "bodies"?:
            switch try await call.optionalText(1, &interpreter) {
            case "on"?: settings.showsBodies = true
            case "off"?: settings.showsBodies = false
            default: throw call.error("trace bodies takes on or off", at: min(1, call.invocation.arguments.count - 1))
            }
        case "to"?:
            guard let file = try await call.optionalText(1, &interpreter), !file.isEmpty else {
                throw call.error("trace to takes a file name (or - for standard error)", at: 0)
            }
            settings.file = file == "-" ? nil : interpreter.world.files.absolutePath(file)
            settings.isOn = true
        case let other?:
            throw call.error("trace takes on, off, bodies on|off or to FILE, not '\(other)'", at: 0)
        }
        do {
            try traffic.setTrace(settings)
        } catch {
            throw RefScriptError(.command, "cannot trace to \(settings.file ?? "standard error"): \(error.message)")
        }
        return .done
    }

    private static func noValue(_ call: CommandCall, _ interpreter: inout Interpreter) throws(RefScriptError) {
        if call.invocation.arguments.count > 1 { throw call.error("unexpected argument", at: 1) }
    }

    static func describe(_ settings: TraceSettings) -> String {
        guard settings.isOn else { return "trace off" }
        return "trace on, " + (settings.showsBodies ? "with bodies" : "headers only") + ", to " + (settings.file ?? "standard error")
    }
}
