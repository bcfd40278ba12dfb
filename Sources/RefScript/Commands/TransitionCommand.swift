import ReferralKit

/// `transition <Status> [<Substatus>] [reason]`: move the referral along the transition table.
public enum TransitionCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "transition", synopsis: "transition <Status> [<Substatus>] [<reason>]",
        summary: "Set status, substatus and statusReason, checked against the transition table.",
        help: """
            New may move to New (Pending, Received), Active (Accepted) or Closed; Active to Active or
            Closed; Closed only to Closed (Won, Lost, Declined, Expired). A substatus may be left out
            when the status allows only one (Active → Accepted). Names are matched ignoring case and
            written in the API's spelling. Without a reason, statusReason is left as it is.
            `help transitions` shows the table.
            """,
        examples: [
            #"transition Closed Won "Customer engagement was a success!""#, "transition Active", "transition Closed Lost 'Went with a competitor'",
        ],
        arguments: [
            ArgumentSpec("status", .status), ArgumentSpec("substatus", .substatus, optional: true), ArgumentSpec("reason", .text, optional: true),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let statusText = try await call.text(0, &interpreter)
        guard let status = ReferralStatus.allCases.first(where: { $0.rawValue.lowercased() == statusText.lowercased() }) else {
            let allowed = ReferralStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw call.error("unknown status '\(statusText)' (allowed: \(allowed))", at: 0)
        }
        var substatus: ReferralSubstatus?
        var reason: String?
        if let second = try await call.optionalText(1, &interpreter) {
            if let match = ReferralSubstatus.allCases.first(where: { $0.rawValue.lowercased() == second.lowercased() }) {
                substatus = match
                reason = try await call.optionalText(2, &interpreter)
            } else if call.count == 3 {
                let allowed = ReferralTransitions.substatuses(for: status).map(\.rawValue).joined(separator: ", ")
                throw call.error("unknown substatus '\(second)' (\(status.rawValue) allows: \(allowed))", at: 1)
            } else {
                reason = second
            }
        }
        let allowed = ReferralTransitions.substatuses(for: status)
        if substatus == nil, allowed.count == 1 { substatus = allowed[0] }
        let from = ReferralDocument.status(of: working)
        do {
            try ReferralTransitions.check(from: from, to: status, substatus: substatus)
        } catch {
            let statusAllowed = from.map { ReferralTransitions.targets(from: $0).contains(status) } ?? true
            throw call.error(error.message, at: statusAllowed && call.count > 1 ? 1 : 0)
        }
        try interpreter.workingCopy.edit { (referral) throws(RefScriptError) in
            try call.attempt(at: 0) { () throws(PathError) in
                try referral.set(.string(status.rawValue), at: JSONPath([.key("status")]))
                try referral.set(.string((substatus ?? .none).rawValue), at: JSONPath([.key("substatus")]))
                if let reason { try referral.set(.string(reason), at: JSONPath([.key("statusReason")])) }
            }
        }
        return .done
    }
}
