import ReferralKit
import ReferralsWire

/// Renders one exchange as a trace block: the request line with its attempt, the request
/// headers, the status line with the duration, the response headers, and with bodies on the
/// bodies pretty-printed (cut at ``bodyLimit`` bytes with a note). docs/support.md shows one.
public struct TraceFormatter: Sendable {
    /// Whether bodies are shown.
    public var bodies: Bool
    /// Whether ANSI colours are used (a terminal, without NO_COLOR).
    public var colors: Bool
    /// Bodies longer than this are cut.
    public static let bodyLimit = 64 * 1024

    public init(bodies: Bool, colors: Bool) {
        self.bodies = bodies
        self.colors = colors
    }

    /// The block for `exchange`, ending in a blank line.
    public func block(_ exchange: RedactedExchange) -> String {
        var lines: [String] = []
        let side = exchange.kind == .identity ? " (sign-in)" : ""
        lines.append(paint("1", "→ \(exchange.method) \(exchange.url)") + "  attempt \(exchange.attempt)\(side)")
        for header in exchange.requestHeaders { lines.append("  " + paint("36", header.name + ":") + " " + header.value) }
        if bodies, let body = exchange.requestBody { lines += bodyLines(body) }
        let took = Self.milliseconds(exchange.duration)
        if exchange.status == 0 {
            lines.append(paint("31;1", "← no response: \(exchange.failure ?? "the request failed")") + "  \(took)")
        } else {
            let color = exchange.status < 300 ? "32;1" : exchange.status < 500 ? "33;1" : "31;1"
            lines.append(paint(color, "← \(exchange.status) \(HTTPStatusText.reason(exchange.status))") + "  \(took)")
            for header in exchange.responseHeaders { lines.append("  " + paint("36", header.name + ":") + " " + header.value) }
            if bodies, let body = exchange.responseBody { lines += bodyLines(body) }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// `12.3 ms`.
    static func milliseconds(_ seconds: Double) -> String {
        let tenths = (max(0, seconds) * 10_000).rounded() / 10
        return "\(tenths) ms"
    }

    private func bodyLines(_ body: RedactedExchange.Body) -> [String] {
        var text = body.text
        var note: String?
        if text.utf8.count > Self.bodyLimit {
            text = String(decoding: text.utf8.prefix(Self.bodyLimit), as: UTF8.self)
            note = "… (cut: \(body.size) bytes in all, the first \(Self.bodyLimit) shown)"
        }
        if !body.isBase64, note == nil, let value = JSONParser.parseIfPossible(Array(text.utf8)) {
            text = JSONPrinter.pretty.print(value)
        } else if body.isBase64 {
            text = "(\(body.size) bytes, not text; base64) " + text
        }
        var lines = [""] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        if let note { lines.append("  " + note) }
        return lines
    }

    private func paint(_ code: String, _ text: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
