import ReferralKit

/// Keeps the session where a crash cannot take it (docs/support.md): the interpreter hands it
/// the session after every command that changed it while edits are unsent, and tells it to
/// discard the journal once nothing is unsent. Implementations write atomically before
/// returning and never write a token.
public protocol SessionJournal: AnyObject {
    /// Keeps `snapshot` (a JSON object: the working copy, the endpoint, the script position).
    func keep(_ snapshot: JSONValue) throws(FileError)
    /// Removes the journal: nothing is left to lose.
    func discard()
}
