import ReferralKit

/// `sandbox requests|faults|reset …`: the sandbox's admin surface, for demos and fault tests.
public enum SandboxCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "sandbox", synopsis: "sandbox requests|faults|clock|rate [<value>|--clear] | sandbox reset",
        summary: "Inspect and steer the sandbox: its request log, injected faults, its clock, a fresh seed.",
        help: """
            Works against the embedded sandbox and a `refsh-sandbox serve` on this machine (its
            /_sandbox/ endpoints); refused for any other host, so nothing is sent to the real service. `sandbox requests` prints the log (method, path,
            status, fault), --clear empties it. `sandbox faults 429:1@next3` injects faults:
            EFFECT@WHEN, comma-separated; EFFECT is latency:MS, 401, 403, 408, 409,
            429[:RETRY_AFTER], 500, 502, 503, 504, drop-before (the connection closes before the
            request is handled) or drop-after (after: a write lands, its answer is lost); WHEN is a
            rate from 0 to 1 or nextN. `sandbox faults
            --clear` removes them. `sandbox clock +15d` moves the sandbox's clock on (d, h, m, s;
            or a time such as 2026-12-24T00:00:00Z): New referrals nobody answered for 14 days
            expire (Closed/Expired), and dates the sandbox writes follow it; `sandbox clock` shows
            it, --clear puts it back to real time. `sandbox rate 300` throttles each caller to 300
            requests a second (a token bucket: bursts of 300, then 300 a second), answering the
            documented 429 with Retry-After beyond it, as the real service does under load;
            `sandbox rate` shows it, --clear (or 0) lifts it. `sandbox reset` drops every referral
            and seeds afresh.
            """,
        examples: [
            "sandbox requests", "sandbox faults 429:1@next3", "sandbox faults --clear", "sandbox clock +15d", "sandbox rate 300", "sandbox reset",
        ],
        arguments: [ArgumentSpec("what", .choice(["requests", "faults", "clock", "rate", "reset"])), ArgumentSpec("spec", .text, optional: true)],
        flags: [FlagSpec("clear", "empty the request log, remove the faults, put the clock back, or lift the rate limit")], givesValue: true)

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let what = try await call.text(0, &interpreter)
        let argument = try await call.optionalText(1, &interpreter)
        let clear = call.flag("clear")
        let (method, path, body): (String, String, String?)
        switch (what, argument, clear) {
        case ("requests", nil, false): (method, path, body) = ("GET", "requests", nil)
        case ("requests", nil, true): (method, path, body) = ("DELETE", "requests", nil)
        case ("faults", nil, false): (method, path, body) = ("GET", "faults", nil)
        case ("faults", nil, true): (method, path, body) = ("DELETE", "faults", nil)
        case ("faults", let spec?, false): (method, path, body) = ("PUT", "faults", spec)
        case ("clock", nil, false): (method, path, body) = ("GET", "clock", nil)
        case ("clock", nil, true): (method, path, body) = ("DELETE", "clock", nil)
        case ("clock", let shift?, false): (method, path, body) = ("PUT", "clock", shift)
        case ("rate", nil, false): (method, path, body) = ("GET", "rate", nil)
        case ("rate", nil, true): (method, path, body) = ("DELETE", "rate", nil)
        case ("rate", let limit?, false): (method, path, body) = ("PUT", "rate", limit)
        case ("reset", nil, false): (method, path, body) = ("POST", "reset", nil)
        default: throw RefScriptError(.syntax, "usage: \(spec.synopsis)")
        }
        if case .url(let url) = interpreter.connection.endpoint, !EndpointPolicy.isLoopback(EndpointPolicy.host(of: url) ?? "") {
            throw RefScriptError(
                .command,
                "sandbox commands reach a sandbox only (the embedded one, or one on this machine), not \(EndpointPolicy.host(of: url) ?? url)")
        }
        let answer: JSONValue?
        do {
            answer = try await interpreter.online.admin(method: method, path: path, body: body)
        } catch {
            // The sandbox's word on a value it refuses is about this command, not an HTTP call.
            guard let refused = error.serviceError, refused.status == 400 else { throw error }
            throw RefScriptError(.command, "sandbox \(what): \(refused.message)")
        }
        if call.capturing { return .value(answer ?? .null) }
        let output = interpreter.world.output
        switch (what, answer) {
        case ("requests", let log?) where method == "GET":
            let entries = log.objectValue?["requests"]?.arrayValue ?? log.arrayValue ?? []
            if entries.isEmpty { output.write("no requests yet\n") }
            for entry in entries {
                let object = entry.objectValue
                let fault = object?["fault"]?.stringValue.map { "  fault " + $0 } ?? ""
                let status = object?["status"].map { JSONPrinter.compact.print($0) } ?? "?"
                output.write("\(object?["method"]?.stringValue ?? "?") \(object?["path"]?.stringValue ?? "?") → \(status)\(fault)\n")
            }
        case ("faults", let faults?):
            let list = faults.objectValue?["faults"]?.arrayValue?.compactMap(\.stringValue) ?? []
            output.write(list.isEmpty ? "no faults\n" : "faults: " + list.joined(separator: ", ") + "\n")
        case ("clock", let clock?):
            let now = clock.objectValue?["now"]?.stringValue ?? "?"
            let offset = clock.objectValue?["offsetSeconds"]?.numberValue?.intValue ?? 0
            output.write("sandbox clock: \(now)" + (offset == 0 ? " (real time)" : " (\(Self.shift(offset)) from real time)") + "\n")
        case ("rate", let rate?):
            let limit = rate.objectValue?["perSecond"]?.numberValue?.intValue
            output.write(limit.map { "sandbox rate: \($0) requests a second per caller\n" } ?? "sandbox rate: no limit\n")
        case ("reset", let result?):
            output.write("sandbox reset: \(JSONPrinter.compact.print(result.objectValue?["referrals"] ?? .null)) referrals\n")
        default:
            break
        }
        return .done
    }

    /// An offset in seconds in words: `+15d`, `-2h 30m`.
    static func shift(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        var rest = abs(seconds)
        var parts: [String] = []
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return sign + (parts.isEmpty ? "0s" : parts.joined(separator: " "))
    }
}
