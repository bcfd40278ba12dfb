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
        guard let endpoint = Origin(collectionURL) else { return nil }
        let absolute = resolved(link, against: collectionURL, origin: endpoint)
        // User information in a link would be sent as credentials of its own: not followed.
        guard let target = Origin(absolute), target.host == endpoint.host, !target.text.contains("@") else { return nil }
        switch (endpoint.scheme, target.scheme) {
        case (let a, let b) where a == b:
            return target.port == endpoint.port ? absolute : nil
        case ("http", "https"):
            return target.port == endpoint.port || (endpoint.port == 80 && target.port == 443) ? absolute : nil
        case ("https", "http") where target.port == 80 && endpoint.port == 443:
            return endpoint.text + absolute.dropFirst(target.text.count)
        default:
            return nil
        }
    }

    /// `link` as an absolute URL: a path (`/v1.0/…`) or a query (`?$skiptoken=…`) is taken
    /// relative to the collection, as RFC 3986 resolves them.
    static func resolved(_ link: String, against collectionURL: String, origin: Origin) -> String {
        if link.hasPrefix("/"), !link.hasPrefix("//") { return origin.text + link }
        if link.hasPrefix("?") { return String(collectionURL.prefix { $0 != "?" && $0 != "#" }) + link }
        return link
    }

    /// The scheme, host and port of an absolute URL, the port filled in from the scheme.
    struct Origin {
        /// `scheme://authority` as written.
        var text: String
        var scheme: String
        var host: String
        var port: Int?

        init?(_ url: String) {
            guard let parsed = AbsoluteURL(url), let schemeEnd = url.firstRange(of: "://") else { return nil }
            text = parsed.origin
            scheme = url[..<schemeEnd.lowerBound].lowercased()
            host = parsed.host
            var authority = parsed.origin[schemeEnd.upperBound...]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            let afterHost = authority.hasPrefix("[") ? authority.drop { $0 != "]" }.dropFirst() : authority.drop { $0 != ":" }
            if afterHost.hasPrefix(":"), afterHost.count > 1 {
                guard let number = Int(afterHost.dropFirst()), (1...65_535).contains(number) else { return nil }
                port = number
            } else {
                port = ["http": 80, "https": 443][scheme]
            }
        }
    }
}
