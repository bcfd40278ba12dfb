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
            written in the API's spelling. Without a reason, statusReason is left as it is. A
            single unquoted word a letter or two from a substatus (Wonn) is refused as a misspelt
            substatus rather than taken as the reason; quote such a reason to give it.
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
        guard let status = ReferralStatus(named: statusText) else {
            let names = ReferralStatus.allCases.map(\.rawValue)
            let hint = EditDistance.closest(to: statusText, in: names).map { "did you mean \($0)? " } ?? ""
            throw call.error("unknown status '\(statusText)' (\(hint)allowed: \(names.joined(separator: ", ")))", at: 0)
        }
        var substatus: ReferralSubstatus?
        var reason: String?
        if let second = try await call.optionalText(1, &interpreter) {
            if let match = ReferralSubstatus(named: second) {
                substatus = match
                reason = try await call.optionalText(2, &interpreter)
            } else if call.count == 3 {
                throw unknownSubstatus(second, for: status, call)
            } else if let slip = misspeltSubstatus(call.invocation.arguments[1].word) {
                throw unknownSubstatus(second, for: status, call, suggesting: slip, quoteAdvice: true)
            } else {
                reason = second
            }
        }
        let allowed = ReferralTransitions.substatuses(for: status)
        if substatus == nil, allowed.count == 1 { substatus = allowed[0] }
        // The move is the one the service will see: from the server's status (the baseline), not
        // from a transition made since and not yet sent, so a second thought can undo the first.
        let from = ReferralDocument.status(of: interpreter.session.baseline ?? working)
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

    /// The substatus a lone word in the substatus position was probably meant to be: a bare
    /// word (not quoted, no variable) a slip away from a substatus a status can have (`Wonn`:
    /// Won). Such a word is an error, not a reason; a reason of one word that looks like a
    /// substatus is quoted, and a reason of several words never looks like one.
    static func misspeltSubstatus(_ word: Word) -> String? {
        guard let text = word.bareLiteral, !text.contains(" ") else { return nil }
        let candidates = ReferralSubstatus.allCases.filter { $0 != .none }.map(\.rawValue)
        return EditDistance.closest(to: text, in: candidates)
    }

    private static func unknownSubstatus(
        _ text: String, for status: ReferralStatus, _ call: CommandCall, suggesting slip: String? = nil, quoteAdvice: Bool = false
    ) -> RefScriptError {
        let allowed = ReferralTransitions.substatuses(for: status).map(\.rawValue).joined(separator: ", ")
        let suggestion = slip ?? EditDistance.closest(to: text, in: ReferralSubstatus.allCases.map(\.rawValue))
        let hint = suggestion.map { "did you mean \($0)? " } ?? ""
        let advice = quoteAdvice ? "; quote it if it is the reason" : ""
        return call.error("unknown substatus '\(text)' (\(hint)\(status.rawValue) allows: \(allowed))\(advice)", at: 1)
    }
}
