import MCP
import RefScript
import ReferralKit
import ReferralsWire
import Troubleshooting

/// The refsh session behind the tools (docs/mcp.md): one interpreter, one connection, one
/// throttle, used by one tool call at a time. Every result is taken through the session's
/// secret keeper (no token in any encoding) and, with `--redact-pii`, its pseudonyms.
struct AssistantSession {
    var interpreter: Interpreter
    let sink: CapturingSink
    let allowWrites: Bool
    let pseudonyms: PIIPseudonyms?
    /// The requests the session sent, oldest first.
    var requests: [Exchange] = []

    init(interpreter: Interpreter, sink: CapturingSink, allowWrites: Bool, pseudonyms: PIIPseudonyms?) {
        self.interpreter = interpreter
        self.sink = sink
        self.allowWrites = allowWrites
        self.pseudonyms = pseudonyms
        self.interpreter.options.output = .json
        self.interpreter.options.quiet = true
    }

    /// Runs tool `name`; a failure is the result's error text, the session goes on.
    mutating func call(_ name: String, _ arguments: [String: Value]) async -> CallTool.Result {
        // An argument the tool does not take is refused, not ignored: `statuss` would otherwise
        // list every referral as if unfiltered were meant.
        if let tool = ReferralTools.all(allowWrites: allowWrites).first(where: { $0.name == name }),
            case .object(let schema) = tool.inputSchema, case .object(let properties)? = schema["properties"],
            let unknown = arguments.keys.sorted().first(where: { properties[$0] == nil })
        {
            let names = properties.keys.sorted()
            let hint = EditDistance.closest(to: unknown, in: names).map { "did you mean \($0)? " } ?? ""
            let takes = names.isEmpty ? "it takes none" : "it takes " + names.joined(separator: ", ")
            return failure("\(name): unknown argument \(ToolArguments.quoted(unknown)) (\(hint)\(takes))")
        }
        let arguments = ToolArguments(values: arguments)
        do {
            switch name {
            case ReferralTools.list: return try await list(arguments)
            case ReferralTools.get: return try await get(arguments)
            case ReferralTools.preview: return try await change(arguments, write: false)
            case ReferralTools.apply: return try await change(arguments, write: true)
            case ReferralTools.requests: return requestList()
            default:
                let names = ReferralTools.all(allowWrites: allowWrites).map(\.name).joined(separator: ", ")
                return failure("unknown tool '\(name)' (tools: \(names))")
            }
        } catch {
            return failure(error.message)
        }
    }

    private mutating func list(_ arguments: ToolArguments) async throws(ToolArguments.Problem) -> CallTool.Result {
        var line = "list --json --top $mcp_top"
        interpreter.variables["mcp_top"] = .number(JSONNumber(try arguments.integer("top", in: 1...100) ?? 20))
        if let status = try arguments.string("status") {
            interpreter.variables["mcp_status"] = .string(status)
            line += " --status $mcp_status"
        }
        if let filter = try arguments.string("filter") {
            interpreter.variables["mcp_filter"] = .string(filter)
            line += " --filter $mcp_filter"
        }
        let run = try await self.run(line)
        let referrals = (JSONParser.parseIfPossible(Array(run.output.utf8))?.arrayValue ?? []).map(withoutContactData)
        return success(["count": .number(JSONNumber(referrals.count)), "referrals": .array(referrals)], warnings: run.warnings)
    }

    private mutating func get(_ arguments: ToolArguments) async throws(ToolArguments.Problem) -> CallTool.Result {
        interpreter.variables["mcp_id"] = .string(try arguments.string("id", required: true) ?? "")
        let run = try await self.run("load --force $mcp_id\nshow")
        let referral = JSONParser.parseIfPossible(Array(run.output.utf8)).map(withoutContactData) ?? .null
        return success(["referral": referral, "eTag": eTag], warnings: run.warnings)
    }

    /// `preview_change` and `apply_change`: load, set, transition, diff; then, to write, check
    /// `ifMatch` and patch (If-Match: the eTag loaded).
    private mutating func change(_ arguments: ToolArguments, write: Bool) async throws(ToolArguments.Problem) -> CallTool.Result {
        if write, !allowWrites {
            return failure(
                "refused: refsh mcp was started read-only, so apply_change writes nothing (start it with --allow-writes to let an assistant change referrals; preview_change shows a change)"
            )
        }
        let given = write ? try Self.plannedETag(arguments) : nil  // checked before anything is sent
        interpreter.variables["mcp_id"] = .string(try arguments.string("id", required: true) ?? "")
        var lines = ["load --force $mcp_id"]
        for (index, entry) in try arguments.paths().enumerated() {
            interpreter.variables["mcp_v\(index)"] = entry.value
            lines.append("set \(entry.path) $mcp_v\(index)")
        }
        if let transition = try arguments.object("transition") {
            lines.append(try transitionLine(ToolArguments(values: transition)))
        }
        guard lines.count > 1 else { throw ToolArguments.Problem(message: "give set and/or transition: there is no change to make") }
        let edited = try await run((lines + ["diff"]).joined(separator: "\n"))
        let loadedETag = eTag  // the service's, as this call loaded it
        var changes = edited.output.split(separator: "\n").map { JSONValue.string(String($0)) }
        var patch = JSONParser.parseIfPossible(Array(try await run("diff --patch").output.utf8)) ?? .null
        if let pseudonyms, let baseline = interpreter.session.baseline, let working = interpreter.session.working {
            // The lines and the patch name contact values whole, short ones too (Sue): they are
            // told from the pseudonymised copies, as get_referral shows them.
            let lines = JSONDiff.changes(from: pseudonyms.pseudonymise(baseline).0, to: pseudonyms.pseudonymise(working).0).map(\.description)
            changes = (lines.isEmpty ? ["no changes"] : lines).map { .string($0) }
            patch = pseudonyms.pseudonymise(patch).0
        }
        guard write, patch != [] else {
            // Nothing to send (the values are already so): nothing is written, and the answer says so.
            var answer = JSONObject()
            if write { answer["written"] = false }
            (answer["changes"], answer["patch"], answer["eTag"]) = (.array(changes), patch, eTag)
            return success(.object(answer), warnings: edited.warnings)
        }
        var planned: JSONValue = .null
        // An eTag given without its quotes (as an assistant may copy it) is the same eTag.
        if let given, case .string(let current) = eTag,
            case let expected = given.hasPrefix("\"") || given.hasPrefix("W/") ? given : "\"" + given + "\"",
            expected != current
        {
            // The eTag the change was planned against goes as If-Match: the service decides (412).
            let state = interpreter.session
            interpreter.workingCopy.reset(working: state.working, baseline: state.baseline, eTag: expected, origin: state.origin)
            planned = .string(expected)
        }
        do {
            _ = try await run("patch")
        } catch {
            if error.message.contains(#""kind":"conflict""#) {
                return conflict(
                    "412 Precondition Failed: the referral changed since the change was planned", planned: planned, current: loadedETag)
            }
            throw error
        }
        let requestId = requests.last.map { JSONValue.string($0.requestId) } ?? .null
        return success(
            ["written": true, "changes": .array(changes), "patch": patch, "eTag": eTag, "requestId": requestId], warnings: edited.warnings)
    }

    /// `apply_change`'s `ifMatch`: required, so that a write is made only against the referral
    /// the assistant read (without it, the change went to whatever the referral had become).
    static func plannedETag(_ arguments: ToolArguments) throws(ToolArguments.Problem) -> String {
        guard let given = try arguments.string("ifMatch")?.trimming(" "), !given.isEmpty, given != "*", given != "\"\"" else {
            throw ToolArguments.Problem(
                message:
                    "give ifMatch: the eTag get_referral or preview_change returned (the change is written only if the referral is still at it; * is not an eTag)"
            )
        }
        return given
    }

    private mutating func transitionLine(_ transition: ToolArguments) throws(ToolArguments.Problem) -> String {
        let members = ["status", "substatus", "reason"]
        if let unknown = transition.values.keys.sorted().first(where: { !members.contains($0) }) {
            let hint = EditDistance.closest(to: unknown, in: members).map { "did you mean \($0)? " } ?? ""
            throw ToolArguments.Problem(
                message: "transition: unknown member \(ToolArguments.quoted(unknown)) (\(hint)it takes status, substatus and reason)")
        }
        var line = "transition $mcp_to"
        guard let status = try transition.string("status", required: true) else { return line }
        interpreter.variables["mcp_to"] = .string(status)
        let substatus = try transition.string("substatus")
        let reason = try transition.string("reason")
        // A named substatus is one: the shell's reading of a stray second word as the reason
        // does not apply (Bogus became the statusReason).
        if let substatus, ReferralSubstatus(named: substatus) == nil {
            let target = ReferralStatus(named: status)
            let known = (target.map(ReferralTransitions.substatuses(for:)) ?? ReferralSubstatus.allCases).map(\.rawValue)
            let hint = EditDistance.closest(to: substatus, in: known).map { "did you mean \($0)? " } ?? ""
            let takes = target.map { "\($0.rawValue) takes " } ?? "substatuses are "
            throw ToolArguments.Problem(
                message: "transition: unknown substatus \(ToolArguments.quoted(substatus)) (\(hint)\(takes)\(known.joined(separator: ", ")))")
        }
        if let substatus {
            interpreter.variables["mcp_sub"] = .string(substatus)
            line += " $mcp_sub"
        } else if reason != nil {
            throw ToolArguments.Problem(message: "transition: give substatus with reason")
        }
        if let reason {
            interpreter.variables["mcp_reason"] = .string(reason)
            line += " $mcp_reason"
        }
        return line
    }

    private func requestList() -> CallTool.Result {
        let rows = requests.map { exchange -> JSONValue in
            [
                "method": .string(exchange.method), "path": .string(exchange.path), "status": .number(JSONNumber(exchange.status)),
                "requestId": .string(exchange.requestId), "attempts": .number(JSONNumber(exchange.attempts)),
            ]
        }
        return success(["correlationId": .string(interpreter.connection.correlationId), "requests": .array(rows)], warnings: [])
    }

    /// The working copy's eTag, or null.
    private var eTag: JSONValue { interpreter.session.eTag.map(JSONValue.string) ?? .null }

    /// A 412's answer: `planned` is the `ifMatch` the call sent (null: the eTag it loaded),
    /// `current` the eTag this call loaded.
    private func conflict(_ what: String, planned: JSONValue, current: JSONValue) -> CallTool.Result {
        let shown = { (eTag: JSONValue) in eTag.stringValue ?? JSONPrinter.compact.print(eTag) }
        let eTags =
            planned != .null
            ? " (planned at eTag \(shown(planned)); the referral is at \(shown(current)))"
            : current == .null ? "" : " (it was loaded at eTag \(shown(current)))"
        return failure(
            "conflict: \(what); nothing was written and nothing is retried: get_referral it again, check the change still makes sense, and apply it again"
                + eTags)
    }

    /// A referral with its customer contact data pseudonymised, when asked for.
    private func withoutContactData(_ referral: JSONValue) -> JSONValue {
        pseudonyms.map { $0.pseudonymise(referral).0 } ?? referral
    }
}
