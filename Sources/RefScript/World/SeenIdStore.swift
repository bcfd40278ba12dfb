/// Referral ids refsh has seen, kept across sessions (per endpoint), so that a short id typed
/// in a new session still resolves. The shell keeps them in `$XDG_STATE_HOME/refsh/seen/`.
public protocol SeenIdStore: Sendable {
    /// The ids seen at `endpoint` (`sandbox`, or the service's host), oldest first.
    func ids(endpoint: String) -> [String]
    /// Records `ids`, newly seen at `endpoint`.
    func add(_ ids: [String], endpoint: String)
}
