import ReferralKit

/// Which `@odata.nextLink` refsh follows, and to which URL (docs/client.md). A link is used as
/// the service wrote it, resolved against the collection when it is relative, as long as the
/// bearer token stays with the endpoint the user chose: the same host, and the same port once
/// each scheme's default port is filled in. Two scheme changes on that host are followed too:
/// `http` to `https` (the token is safer), and `https` to `http` on the default ports, which a
/// service behind a TLS-terminating proxy writes: that one is sent as `https`, never in clear.
public enum NextLink {
    /// The URL to request for `link`, or `nil` when it leads away from `collectionURL`'s host.
    public static func url(toFollow link: String, from collectionURL: String) -> String? {
        guard let endpoint = AbsoluteURL(collectionURL) else { return nil }
        let absolute = resolved(link, against: collectionURL, origin: endpoint.origin)
        // User information in a link would be sent as credentials of its own: not followed; nor
        // is a link whose port is no port.
        guard let target = AbsoluteURL(absolute), target.host == endpoint.host, !target.origin.contains("@"), target.port != nil else {
            return nil
        }
        switch (endpoint.scheme, target.scheme) {
        case (let a, let b) where a == b:
            return target.port == endpoint.port ? absolute : nil
        case ("http", "https"):
            return target.port == endpoint.port || (endpoint.port == 80 && target.port == 443) ? absolute : nil
        case ("https", "http") where target.port == 80 && endpoint.port == 443:
            return endpoint.origin + absolute.dropFirst(target.origin.count)
        default:
            return nil
        }
    }

    /// `link` as an absolute URL: a path (`/v1.0/…`) or a query (`?$skiptoken=…`) is taken
    /// relative to the collection, as RFC 3986 resolves them.
    static func resolved(_ link: String, against collectionURL: String, origin: String) -> String {
        if link.hasPrefix("/"), !link.hasPrefix("//") { return origin + link }
        if link.hasPrefix("?") { return String(collectionURL.prefix { $0 != "?" && $0 != "#" }) + link }
        return link
    }
}
