import ReferralKit

/// `wait until <condition> [--timeout 60s] [--every 2s]`: reload until a condition holds.
public enum WaitCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "wait", synopsis: "wait until <condition> [--timeout <duration>] [--every <duration>]",
        summary: "Reload the working referral until a condition holds (exit 5 with the last value seen at the timeout).",
        help: """
            Instead of sleeping: `wait until status == Closed` reloads the working referral every
            --every (default 2s) until the condition holds (the if/assert grammar, see help
            conditions), for at most --timeout (default 60s). Durations: 500ms, 0.5s, 2s, 1m.
            A throttled or unavailable service is waited out (the client honours Retry-After, and
            a reload that still fails counts as one more try). Refused while the working copy has
            unsent edits (a reload would replace them): send them or revert first. At the timeout
            it fails with exit 5 and the last value seen: `wait until status == Closed: still
            Active after 60 s`. Interactively, Ctrl-C stops it.
            """,
        examples: ["wait until status == Closed", "wait until substatus == Won --timeout 5m --every 10s"],
        flags: [
            FlagSpec("timeout", "give up after this long (default 60s)", value: "duration", check: ScriptDuration.problem),
            FlagSpec("every", "reload this often (default 2s)", value: "duration", check: ScriptDuration.problem),
        ],
        takesCondition: true, conditionKeyword: "until")

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let condition = call.invocation.condition else { return .done }
        let timeout = try await duration(call, "timeout", default: 60, &interpreter)
        let every = max(try await duration(call, "every", default: 2, &interpreter), 0.05)
        let id = try interpreter.workingCopy.serviceId(for: "wait until")
        if interpreter.session.isDirty {
            throw RefScriptError(
                .command,
                "wait until reloads the referral, which would replace the unsent edits of the working copy (see diff): send them or revert first")
        }
        let clock = interpreter.world.clock
        let started = clock.now()
        let text = call.invocation.conditionText ?? ""
        while true {
            if Task.isCancelled { throw RefScriptError(.interrupted, "wait until \(text): interrupted") }
            do {
                interpreter.adopt(try await interpreter.online.fetch(id: id), id: id)
            } catch  where error.kind == .service {
                // Throttled or unavailable after the client's own retries: one more try later.
            }
            let (holds, facts) = try await interpreter.check(condition)
            if holds { return .done }
            // The last check is at the deadline, not an interval before it.
            let left = timeout - (clock.now() - started)
            guard left > 0.0001 else {
                let seen = await lastSeen(condition, facts: facts, &interpreter)
                throw RefScriptError(.service, "wait until \(text): \(seen) after \(Self.shown(timeout)) s")
            }
            await clock.sleep(seconds: min(every, left))
        }
    }

    /// `still Active` for a condition on one path, else `still status is "Active", ...`.
    static func lastSeen(_ condition: Condition, facts: String?, _ interpreter: inout Interpreter) async -> String {
        if case .compare(let left, _, _) = condition, left.isPath {
            if let value = try? await interpreter.value(of: left) { return "still " + Interpreter.rawText(value) }
            return "still no \(left.argument.word.raw)"
        }
        return facts.map { "still " + $0 } ?? "it does not hold yet"
    }

    static func duration(_ call: CommandCall, _ name: String, default fallback: Double, _ interpreter: inout Interpreter)
        async throws(RefScriptError) -> Double
    {
        guard let text = try await call.flagText(name, &interpreter) else { return fallback }
        if let problem = ScriptDuration.problem(text) { throw RefScriptError(.command, "--\(name) \(problem)") }
        return ScriptDuration.seconds(text) ?? fallback
    }

    /// `60`, `0.5`.
    public static func shown(_ seconds: Double) -> String {
        let rounded = (seconds * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
