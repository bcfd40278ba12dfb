import Synchronization

/// Every secret a process has held (bearer tokens, refresh tokens, device codes, id tokens), so
/// that text about to leave refsh can be scrubbed of all of them, not only of the token in use.
/// Shared by the interpreter's output and whatever obtains new tokens while it runs. Each secret
/// is looked for in every form ``SecretForms`` knows (percent-encoded, JSON-escaped, base64, hex,
/// case-folded), and any run of ``minimumLength`` bytes of it or more (``SecretPieces``).
public final class SecretKeeper: Sendable {
    /// Secrets this long or longer are replaced wherever they occur; shorter ones only where
    /// they stand as a whole token, so ordinary words that contain their text stay as they are.
    public static let minimumLength = 16
    /// Each secret with its forms, longest secret first.
    private let known = Mutex<[(value: String, forms: [String])]>([])
    /// The pieces of the long ASCII secrets, made anew when one is added.
    private let pieces = Mutex(SecretPieces([]))

    public init() {}

    /// Adds `secret` to those kept out of text (an empty one is ignored).
    public func remember(_ secret: Secret) {
        let value = secret.reveal()
        guard !value.isEmpty else { return }
        known.withLock { known in
            guard !known.contains(where: { $0.value == value }) else { return }
            known.append((value, SecretForms.forms(of: value)))
            // Longest first: a secret that contains another is replaced whole.
            known.sort { $0.value.utf8.count > $1.value.utf8.count }
            let rebuilt = SecretPieces(known.map(\.value))
            pieces.withLock { $0 = rebuilt }
        }
    }

    /// How many secrets are kept: what was redacted with this many needs no second look.
    public var count: Int { known.withLock { $0.count } }

    /// The kept secrets, longest first (for checks that look for their encodings too).
    public var secrets: [Secret] { known.withLock { $0 }.map { Secret($0.value) } }

    /// Whether any kept secret occurs in `text`, in any of its forms.
    public func occurs(in text: String) -> Bool {
        known.withLock { $0 }.contains { entry in entry.forms.contains { text.contains($0) } }
    }

    /// `text` with every kept secret, in every form, replaced by `<redacted>`; a run of URL or
    /// JSON-string characters that decodes to text holding a secret (any percent-encoding, any
    /// escapes) is replaced whole.
    public func redact(_ text: String) -> String {
        redact(text, bytewise: text.utf8.allSatisfy { $0 < 0x80 })
    }

    /// ``redact(_:)``, where `bytewise` (only for ASCII text) looks for each form among the
    /// bytes first: in ASCII text that finds exactly what the search by characters finds, much
    /// faster (every line refsh prints goes through here; it was most of what a recording
    /// cost). A property test holds the two equal.
    func redact(_ text: String, bytewise: Bool) -> String {
        var result = text
        let entries = known.withLock { $0 }
        for entry in entries {
            for form in entry.forms where Self.contains(result, form, bytewise: bytewise) {
                let secret = Secret(form)
                result = entry.value.utf8.count >= Self.minimumLength ? secret.redacted(in: result) : secret.redactedAsWholeToken(in: result)
            }
        }
        let long = entries.filter { $0.value.utf8.count >= Self.minimumLength }
        let anchors = long.map { String($0.value.prefix(Self.minimumLength)) }
        if !long.isEmpty, Self.contains(result, "%", bytewise: bytewise) || Self.contains(result, "\\", bytewise: bytewise) {
            // A secret's beginning is enough: what a decoding shows may be a copy cut short.
            result = EncodedRuns.redact(result, holding: long.flatMap(\.forms) + anchors)
        }
        // What is left of a secret cut short or wrapped: any 16 bytes of it or more, wherever in
        // it they start, for a secret shaped as a token; the beginning of any other.
        if let cut = pieces.withLock({ $0 }).redacted(result) { result = cut }
        for (entry, anchor) in zip(long, anchors) where !SecretPieces.covers(entry.value) && Self.contains(result, anchor, bytewise: bytewise) {
            result = Self.redactingCutCopies(of: entry.value, in: result)
        }
        return result
    }

    /// `text` with each beginning of `secret` at least ``minimumLength`` characters long replaced
    /// by `<redacted>`: what is left of the secret where a message was cut short (by refsh, or by
    /// a server that echoed it), or where a parser stopped inside it. Whole copies are gone by now.
    static func redactingCutCopies(of secret: String, in text: String) -> String {
        let anchor = String(secret.prefix(minimumLength))
        var result = ""
        var searched = text.startIndex
        while let range = text[searched...].firstRange(of: anchor) {
            let shared = zip(text[range.lowerBound...], secret).prefix { $0 == $1 }.count
            result += text[searched..<range.lowerBound]
            result += "<redacted>"
            searched = text.index(range.lowerBound, offsetBy: shared)
        }
        return result + text[searched...]
    }

    /// Whether `text` contains `part`: by characters, or (ASCII `text`, ASCII `part`) by bytes.
    /// A replacement keeps ASCII text ASCII.
    private static func contains(_ text: String, _ part: String, bytewise: Bool) -> Bool {
        guard bytewise, part.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains(part) }
        return ByteSearch.contains(text.utf8, part.utf8)
    }
}
