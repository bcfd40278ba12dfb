import ReferralsWire

/// The interpreter's output, in which the session's bearer token never shows: a write that
/// contains the token's text gets `<redacted>` in its place, whatever printed it (`echo
/// $env.REFSH_TOKEN`, a field that holds it, an error that quotes it). Tokens shorter than
/// ``minimumLength`` are left alone: real ones are hundreds of characters long, and a short test
/// token may well be an ordinary word of the output.
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

    /// `text` with the session's token replaced.
    func redact(_ text: String) -> String {
        guard let secret, secret.reveal().utf8.count >= Self.minimumLength else { return text }
        return secret.redacted(in: text)
    }
}
