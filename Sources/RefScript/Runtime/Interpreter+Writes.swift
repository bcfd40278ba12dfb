import ReferralKit
import ReferralsWire

extension Interpreter {
    /// Sends `write`, or with `dryRun` prints the exact request instead (with `curl`, as a curl
    /// command). On success the answer becomes the baseline and working copy and one line says so
    /// (`verb id (status)`).
    mutating func send(_ write: WriteRequest, command: String, verb: String, dryRun: Bool, curl: Bool = false) async throws(RefScriptError) {
        if curl {
            try await printCurl(.write(write))
            return
        }
        if dryRun {
            world.output.write(try await online.preview(write) + "\n")
            return
        }
        let copy = try await online.send(write, command: command)
        guard let written = ReferralDocument.id(of: copy.referral) ?? write.referralId else {
            throw RefScriptError(.service, "\(command): the service answered without an id")
        }
        adopt(copy, id: written)
        let working = session.working
        let status = working?.objectValue?["status"]?.stringValue ?? "?"
        let substatus = working?.objectValue?["substatus"]?.stringValue ?? "?"
        world.output.write("\(verb) \(written) (\(status)/\(substatus))\n")
    }

    /// Makes a server copy (without the answer's `@odata.*` annotations) the session's working
    /// copy and baseline; prints its note, if any.
    mutating func adopt(_ copy: ServerCopy, id: String) {
        let referral = ServerSetFields.withoutAnnotations(copy.referral)
        workingCopy.start(from: referral, eTag: copy.eTag ?? ReferralDocument.eTag(of: referral), origin: .service(id: id))
        online.noteSeen(referrals: [copy.referral])
        if let note = copy.note { warn(note) }
    }

    /// A working copy opened from a file that names a referral (id and eTag) was edited against
    /// the service's copy at that eTag, not against the file: fetches that copy and makes it the
    /// baseline, so `patch` sends what the file changed. A moved eTag is a conflict (`rebase`).
    mutating func anchorOpenedFile(for command: String) async throws(RefScriptError) {
        guard case .file(let name)? = session.origin else { return }
        let (id, eTag) = try workingCopy.writeTarget(for: command)
        let server = try await online.fetch(id: id)
        let current = server.currentETag
        guard current == eTag else {
            let advice =
                journalSuspended
                ? ErrorRenderer.iterationAdvice(command)
                : !isInteractive && options.errexit && catching == 0
                    ? ErrorRenderer.stoppedScriptAdvice(command, kept: stoppedEditsPlace())
                    : "your edits are kept: run rebase, check diff, then \(command) again"
            throw RefScriptError(
                .conflict,
                "\(command) not sent: \(id) changed on the service since \(name) was saved (its eTag is no longer the current one); " + advice)
        }
        workingCopy.anchor(on: server.referral, id: id, eTag: current)
        online.noteSeen(referrals: [server.referral])
    }
}
