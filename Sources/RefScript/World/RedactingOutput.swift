import ReferralsWire

/// The interpreter's output, in which no secret of the session ever shows: a write that contains
/// a token's text gets `<redacted>` in its place, whatever printed it (`echo $env.REFSH_TOKEN`, a
/// field that holds it, an error that quotes it). The secrets are the ``SecretKeeper``'s: every
/// token the session set, and every access, refresh and id token a sign-in obtained since. A long
/// secret is replaced wherever it occurs; a short one where it stands as a whole token.
final class RedactingOutput: OutputSink {
    private let wrapped: any OutputSink
    let keeper: SecretKeeper

    init(_ wrapped: any OutputSink, keeper: SecretKeeper) {
        self.wrapped = wrapped
        self.keeper = keeper
    }

    var isTerminal: Bool { wrapped.isTerminal }
    var isErrorTerminal: Bool { wrapped.isErrorTerminal }

    /// Writes to the running parallel iteration's capture when there is one (docs/bulk.md).
    func write(_ text: String) {
        if let capture = OutputCapture.current { capture.write(redact(text), toError: false) } else { wrapped.write(redact(text)) }
    }

    func writeError(_ text: String) {
        if let capture = OutputCapture.current { capture.write(redact(text), toError: true) } else { wrapped.writeError(redact(text)) }
    }

    /// Writes out the sink's buffer (a parallel iteration's capture is printed by its loop).
    func flush() { if OutputCapture.current == nil { wrapped.flush() } }

    /// The sink underneath, for the progress line (drawn over the terminal, never captured).
    var terminal: any OutputSink { wrapped }

    /// `text` with every secret the session has held replaced.
    func redact(_ text: String) -> String { keeper.redact(text) }
}
