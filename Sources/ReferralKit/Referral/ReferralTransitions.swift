/// The status/substatus transition table of docs/api-contract.md, and the check refsh runs before sending.
///
/// | from | may move to | substatus allowed for the target status |
/// |---|---|---|
/// | New | New, Active, Closed | New: Pending, Received |
/// | Active | Active, Closed | Active: Accepted |
/// | Closed | Closed | Closed: Won, Lost, Declined, Expired |
public enum ReferralTransitions {
    /// Statuses a referral in `status` may move to (possibly itself); empty for `None`.
    public static func targets(from status: ReferralStatus) -> [ReferralStatus] {
        switch status {
        case .new: [.new, .active, .closed]
        case .active: [.active, .closed]
        case .closed: [.closed]
        case .none: []
        }
    }

    /// Substatuses allowed together with `status`.
    public static func substatuses(for status: ReferralStatus) -> [ReferralSubstatus] {
        switch status {
        case .new: [.pending, .received]
        case .active: [.accepted]
        case .closed: [.won, .lost, .declined, .expired]
        case .none: []
        }
    }

    /// Checks a move from `from` (nil: unknown, only the pair is checked) to `to`/`substatus`.
    public static func check(
        from: ReferralStatus?, to: ReferralStatus, substatus: ReferralSubstatus?
    ) throws(TransitionError) {
        if let from {
            let allowed = targets(from: from)
            guard allowed.contains(to) else {
                let options = allowed.isEmpty ? "it cannot move at all" : "it may move to \(list(allowed.map(\.rawValue)))"
                throw TransitionError(message: "cannot move from \(from.rawValue) to \(to.rawValue): \(options)")
            }
        }
        let allowedSub = substatuses(for: to)
        guard let substatus else {
            throw TransitionError(message: "status \(to.rawValue) needs a substatus: \(list(allowedSub.map(\.rawValue)))")
        }
        guard allowedSub.contains(substatus) else {
            let options = allowedSub.isEmpty ? "none is allowed" : "allowed: \(list(allowedSub.map(\.rawValue)))"
            throw TransitionError(
                message: "substatus \(substatus.rawValue) is not allowed with status \(to.rawValue) (\(options))")
        }
    }

    /// "A, B or C".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

/// A status/substatus move the table does not allow.
public struct TransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
