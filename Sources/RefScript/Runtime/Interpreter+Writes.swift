import ReferralKit
import ReferralsWire

extension Interpreter {
    /// Sends `write`, or with `dryRun` prints the exact request instead. On success the answer
    /// becomes the baseline and working copy and one line says so (`verb id (status)`).
    mutating func send(_ write: WriteRequest, command: String, verb: String, dryRun: Bool) async throws(RefScriptError) {
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
}
