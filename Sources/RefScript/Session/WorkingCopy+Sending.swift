import ReferralKit

extension WorkingCopy {
    /// The referral id and eTag a write to the service needs; refuses without them, since a
    /// write never goes out without `If-Match`.
    public func writeTarget(for command: String) throws(RefScriptError) -> (id: String, eTag: String) {
        let id = try serviceId(for: command)
        guard let eTag = state.eTag, !eTag.isEmpty else {
            throw RefScriptError(.command, "\(command): no eTag for \(id), so If-Match cannot be sent; reload to get one")
        }
        return (id, eTag)
    }

    /// The service id of the working referral: where it was loaded from, or the `id` of a
    /// referral opened from a file (a server copy saved earlier, with its eTag).
    public func serviceId(for command: String) throws(RefScriptError) -> String {
        _ = try requireWorking()
        switch state.origin {
        case .service(let id)?:
            return id
        case .file(let name)?:
            guard let id = state.baseline.flatMap(ReferralDocument.id(of:)) else {
                throw RefScriptError(.command, "\(command): \(name) has no id, so it is not a referral on the service; use create for a new one")
            }
            return id
        case nil:
            throw RefScriptError(.command, "\(command): the working referral is not on the service yet; use create")
        }
    }

    /// The baseline when it is the service's copy (after `load`, a write, `rebase`); `nil` for a
    /// file's, whose values are the user's to answer for.
    public var serverBaseline: JSONValue? {
        if case .service? = state.origin { return state.baseline }
        return nil
    }

    /// Validates what changed since the baseline (values the server sent are never a reason to
    /// refuse); a failure means nothing is sent.
    public func validateBeforeSending(_ command: String) throws(RefScriptError) {
        let working = try requireWorking()
        let issues =
            serverBaseline != nil
            ? ReferralValidator.issuesOfChanges(working, baseline: state.baseline) : ReferralValidator.validate(working, baseline: state.baseline)
        let errors = issues.filter { $0.severity == .error }
        guard let first = errors.first else { return }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more; see validate)" : ""
        throw RefScriptError(.command, "\(command) not sent: \(first)\(more)")
    }
}
