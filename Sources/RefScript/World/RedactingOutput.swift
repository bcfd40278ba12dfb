import ReferralsWire

/// The interpreter's output, in which the session's bearer token never shows: a write that
/// contains the token's text gets `<redacted>` in its place, whatever printed it (`echo
/// $env.REFSH_TOKEN`, a field that holds it, an error that quotes it). A token is a secret
/// whatever its length: one of ``minimumLength`` characters or more is replaced wherever it
/// occurs; a shorter one wherever it stands as a whole token, so that the ordinary words that
/// contain its text stay as they are.
final class RedactingOutput: OutputSink {
    static let minimumLength = 16
    private let wrapped: any OutputSink
    /// The token to keep out; the interpreter sets it whenever its connection's token changes.
    var secret: Secret?

    init(_ wrapped: any OutputSink) {
        self.wrapped = wrapped
    }

    var isTerminal: Bool { wrapped.isTerminal }
    func write(_ text: String) { wrapped.write(redact(text)) }
    func writeError(_ text: String) { wrapped.writeError(redact(text)) }

    /// `text` with the session's token replaced: anywhere when it is long, as a whole token when
    /// it is short (its text may also be part of ordinary words).
    func redact(_ text: String) -> String {
        guard let secret, !secret.reveal().isEmpty else { return text }
        return secret.reveal().utf8.count >= Self.minimumLength ? secret.redacted(in: text) : secret.redactedAsWholeToken(in: text)
    }
}
