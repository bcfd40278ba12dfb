import ReferralKit

extension Interpreter {
    /// The referral id and eTag a write to the service needs; refuses without them, since a
    /// write never goes out without `If-Match`.
    func writeTarget(for command: String) throws(RefScriptError) -> (id: String, eTag: String) {
        _ = try requireWorking()
        guard case .service(let id)? = session.origin else {
            throw RefScriptError(.command, "\(command): the working referral was not loaded from the service; load it first, or use create for a new one")
        }
        guard let eTag = session.eTag, !eTag.isEmpty else {
            throw RefScriptError(.command, "\(command): no eTag for \(id), so If-Match cannot be sent; reload to get one")
        }
        return (id, eTag)
    }

    /// Validates the working copy against its baseline; a failure means nothing is sent.
    func validateBeforeSending(_ command: String) throws(RefScriptError) {
        let working = try requireWorking()
        let errors = ReferralValidator.validate(working, baseline: session.baseline).filter { $0.severity == .error }
        guard let first = errors.first else { return }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more; see validate)" : ""
        throw RefScriptError(.command, "\(command) not sent: \(first)\(more)")
    }

    /// A write's failure, with what happens to the working copy spelled out for conflicts.
    func writeFailure(_ error: ServiceError, command: String) -> RefScriptError {
        guard error.kind == .conflict else { return error.scriptError }
        return RefScriptError(
            .conflict,
            "\(error.message); your edits are kept: run rebase to re-apply them on the server's copy, then \(command) again")
    }

    /// One line saying what a write did: `updated 49d90c72-… (Closed/Won)`.
    func reportWritten(_ verb: String, id: String) {
        let working = session.working
        let status = working?.objectValue?["status"]?.stringValue ?? "?"
        let substatus = working?.objectValue?["substatus"]?.stringValue ?? "?"
        world.output.write("\(verb) \(id) (\(status)/\(substatus))\n")
    }
}
