import ReferralKit

/// Keeps the session where a crash cannot take it (docs/support.md): the interpreter hands it
/// the session after a command changed it while edits are unsent, and tells it to discard the
/// journal once nothing is unsent. Implementations write atomically before returning and never
/// write a token.
///
/// At the interactive prompt every change is written as its command ends. A script's burst of
/// offline edits is written when the journal says it is due (``isDue()``), and always before
/// the next request to the service and at the script's end, so a crash or a kill while a
/// request waits never loses an edit, and a 100,000-line script is not an fsync a line.
public protocol SessionJournal: AnyObject {
    /// Whether enough time has passed since the last write to write a script's changes now.
    func isDue() -> Bool
    /// Keeps `snapshot` (a JSON object: the working copy, the endpoint, the script position).
    func keep(_ snapshot: JSONValue) throws(FileError)
    /// Removes the journal: nothing is left to lose.
    func discard()
}
