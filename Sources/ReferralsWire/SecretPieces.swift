/// Finds the pieces of kept secrets in text: every run of ``SecretKeeper/minimumLength`` or
/// more bytes that also occurs in a secret, wherever in the secret it starts. A copy cut short
/// (a server that echoed 1,024 characters, a message refsh cut at 120) keeps a beginning, an end
/// or a middle; a token wrapped at 76 columns by a log or a mailer is a run of such pieces, one a
/// line. Secrets of ASCII only (tokens are): a piece is matched byte for byte, so a replacement
/// never splits a character of the text around it.
public struct SecretPieces: Sendable {
    static let width = SecretKeeper.minimumLength
    private static let base: UInt64 = 1_099_511_628_211
    /// `base` to the power `width - 1`, to take the byte leaving a window out of its hash.
    private static let leading: UInt64 = (1..<width).reduce(1) { power, _ in power &* base }

    private let secrets: [[UInt8]]
    /// The hash of each window of `width` bytes of each secret: where it occurs (secret, offset).
    private let windows: [UInt64: [Place]]
    /// One bit for each window's hash (its top 16 bits): most of a text's windows are passed
    /// over on one bit, without a dictionary lookup (every line refsh prints comes here).
    private let seen: [UInt64]

    struct Place: Sendable {
        var secret: Int
        var offset: Int
    }

    /// The pieces of those of `values` that ``covers(_:)``.
    public init(_ values: [String]) {
        secrets = values.filter(Self.covers).map { Array($0.utf8) }
        var windows: [UInt64: [Place]] = [:]
        for (index, bytes) in secrets.enumerated() {
            var hash = Self.hash(bytes[0..<Self.width])
            for offset in 0...(bytes.count - Self.width) {
                if offset > 0 { hash = Self.rolled(hash, out: bytes[offset - 1], in: bytes[offset + Self.width - 1]) }
                windows[hash, default: []].append(Place(secret: index, offset: offset))
            }
        }
        self.windows = windows
        var seen = [UInt64](repeating: 0, count: 1024)
        for hash in windows.keys { seen[Int(hash >> 54)] |= 1 << ((hash >> 48) & 63) }
        self.seen = seen
    }

    /// Whether pieces of `secret` are looked for: a secret shaped as a token (``SecretShape``: a
    /// JWT, or 24 or more random letters and digits), which no ordinary text shares 16 characters
    /// with. A readable one (an email, as the sandbox takes for a user's token) shares them with
    /// its neighbours (`bob@` and `ann@` the same domain): only its beginning is looked for.
    public static func covers(_ secret: String) -> Bool {
        secret.utf8.count >= width && secret.utf8.allSatisfy { $0 < 0x80 } && SecretShape.looksLikeToken(secret)
    }

    /// `text` with each piece replaced by `<redacted>`, or `nil` when it holds none.
    public func redacted(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !secrets.isEmpty, bytes.count >= Self.width else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var start = 0
        var hash = Self.hash(bytes[0..<Self.width])
        while start + Self.width <= bytes.count {
            if let length = longestPiece(at: start, in: bytes, hash: hash) {
                output += bytes[copied..<start]
                output += Array("<redacted>".utf8)
                start += length
                copied = start
                if start + Self.width <= bytes.count { hash = Self.hash(bytes[start..<start + Self.width]) }
                continue
            }
            if start + Self.width < bytes.count { hash = Self.rolled(hash, out: bytes[start], in: bytes[start + Self.width]) }
            start += 1
        }
        guard copied > 0 else { return nil }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The length of the longest run of a secret's bytes that starts at `start` in `bytes` and is
    /// at least `width` long, or `nil`.
    private func longestPiece(at start: Int, in bytes: [UInt8], hash: UInt64) -> Int? {
        guard seen[Int(hash >> 54)] & (1 << ((hash >> 48) & 63)) != 0, let places = windows[hash] else { return nil }
        var longest: Int?
        for place in places {
            let secret = secrets[place.secret]
            var length = 0
            while start + length < bytes.count, place.offset + length < secret.count, bytes[start + length] == secret[place.offset + length] {
                length += 1
            }
            if length >= Self.width, length > (longest ?? 0) { longest = length }
        }
        return longest
    }

    private static func hash(_ window: ArraySlice<UInt8>) -> UInt64 {
        window.reduce(0) { $0 &* base &+ UInt64($1) }
    }

    private static func rolled(_ hash: UInt64, out: UInt8, in next: UInt8) -> UInt64 {
        (hash &- UInt64(out) &* leading) &* base &+ UInt64(next)
    }
}
