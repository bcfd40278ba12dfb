import ReferralKit

extension Interpreter {
    /// The referral id and eTag a write to the service needs; refuses without them, since a
    /// write never goes out without `If-Match`.
    func writeTarget(for command: String) throws(RefScriptError) -> (id: String, eTag: String) {
        let id = try serviceId(for: command)
        guard let eTag = session.eTag, !eTag.isEmpty else {
            throw RefScriptError(.command, "\(command): no eTag for \(id), so If-Match cannot be sent; reload to get one")
        }
        return (id, eTag)
    }

    /// The service id of the working referral: where it was loaded from, or the `id` of a
    /// referral opened from a file (a server copy saved earlier, with its eTag).
    func serviceId(for command: String) throws(RefScriptError) -> String {
        _ = try requireWorking()
        switch session.origin {
        case .service(let id)?:
            return id
        case .file(let name)?:
            guard let id = session.baseline.flatMap(ReferralDocument.id(of:)) else {
                throw RefScriptError(.command, "\(command): \(name) has no id, so it is not a referral on the service; use create for a new one")
            }
            return id
        case nil:
            throw RefScriptError(.command, "\(command): the working referral is not on the service yet; use create")
        }
    }

    /// Validates the working copy against its baseline; a failure means nothing is sent.
    func validateBeforeSending(_ command: String) throws(RefScriptError) {
        let working = try requireWorking()
        let errors = ReferralValidator.validate(working, baseline: session.baseline).filter { $0.severity == .error }
        guard let first = errors.first else { return }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more; see validate)" : ""
        throw RefScriptError(.command, "\(command) not sent: \(first)\(more)")
    }

    /// Sends `write`, or with `dryRun` prints the exact request instead. On success the answer
    /// becomes the baseline and working copy and one line says so (`verb id (status)`).
    mutating func send(_ write: WriteRequest, command: String, verb: String, dryRun: Bool) async throws(RefScriptError) {
        let service = try await requireService()
        if dryRun {
            world.output.write(service.preview(write) + "\n")
            return
        }
        let copy: ServerCopy
        var id: String?
        do {
            switch write {
            case .create(let body):
                copy = try await service.create(body)
            case .replace(let target, let body, let eTag):
                id = target
                copy = try await service.replace(id: target, with: body, ifMatch: eTag)
            case .update(let target, let patch, let eTag):
                id = target
                copy = try await service.update(id: target, patch: patch, ifMatch: eTag)
            }
        } catch {
            throw writeFailure(error, command: command)
        }
        guard let written = ReferralDocument.id(of: copy.referral) ?? id else {
            throw RefScriptError(.service, "\(command): the service answered without an id")
        }
        adopt(copy, id: written)
        reportWritten(verb, id: written)
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
