import ReferralKit
import ReferralsWire

/// Which endpoints refsh will send a token to: `sandbox`, any `https://` URL, and `http://` only
/// on loopback unless the user says `--insecure` (a bearer token must not cross a network in clear).
public enum EndpointPolicy {
    /// The endpoint `text` names, or a one-line reason it is refused.
    public static func endpoint(_ text: String, insecure: Bool) -> Result<Endpoint, EndpointRefusal> {
        if text == "sandbox" { return .success(.sandbox) }
        if let schemeEnd = text.firstRange(of: "://"),
            text[schemeEnd.upperBound...].prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }).contains("@")
        {
            // Not quoted: what is before '@' may be a password, which must reach no message or trace.
            return .failure(
                EndpointRefusal("the endpoint URL carries a user name or password (before '@'): refsh sends a bearer token; give the URL without it"))
        }
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https"
        } else if lower.hasPrefix("http://") {
            scheme = "http"
        } else {
            return .failure(EndpointRefusal("\(SecretShape.quoted(text)) is not an endpoint: give an https:// URL, or sandbox"))
        }
        guard let host = host(of: text), !host.isEmpty else {
            return .failure(EndpointRefusal("'\(text)' has no host"))
        }
        // Paths are appended to the endpoint: after a query or a fragment they would go nowhere
        // (every GET to the collection, a list page read as a referral).
        if let mark = text.first(where: { $0 == "?" || $0 == "#" }) {
            return .failure(
                EndpointRefusal(
                    "the endpoint URL has a \(mark == "?" ? "query (?…)" : "fragment (#…)"): give the service's address alone, such as https://api.partner.microsoft.com"
                ))
        }
        if scheme == "http", !isLoopback(host), !insecure {
            return .failure(
                EndpointRefusal(
                    "refusing plain http to \(host): the bearer token would cross the network unencrypted; use https, or --insecure"))
        }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return .success(.url(url))
    }

    /// The host of an http(s) URL, without port or brackets.
    /// Why `url` may not be an identity authority: tokens would travel in clear to another host.
    public static func authorityRefusal(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") { return nil }
        if lower.hasPrefix("http://"), let host = EndpointPolicy.host(of: url) {
            if EndpointPolicy.isLoopback(host) { return nil }
            return "the authority \(url) is plain http to another host: sign-in tokens would travel in clear; use https"
        }
        return "the authority must be an https:// URL, not '\(url)'"
    }

    public static func host(of url: String) -> String? { AbsoluteURL(url)?.host }

    /// Whether `host` is this machine: localhost, 127.0.0.0/8 or ::1.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Why an endpoint is refused, in one line.
public struct EndpointRefusal: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
