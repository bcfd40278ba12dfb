import Testing

@testable import Client

/// Which nextLinks refsh follows, and where: the token stays on the endpoint's host.
@Suite struct NextLinkTests {
    static let production = "https://api.partner.microsoft.com/v1.0/engagements/referrals"
    static let local = "http://127.0.0.1/v1.0/engagements/referrals"
    static let sandbox = "http://127.0.0.1:8124/v1.0/engagements/referrals"

    @Test(
        arguments: [
            // As written: the same origin, any path; a default port written out or left out; host case.
            (production, "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            (production, "https://api.partner.microsoft.com:443/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            (production, "HTTPS://API.Partner.Microsoft.com/v1/referrals?$skiptoken=a", "as written"),
            (local, "http://127.0.0.1:80/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            (sandbox, "http://127.0.0.1:8124/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            // http to https on the same host: the token is safer.
            (local, "https://127.0.0.1/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            (sandbox, "https://127.0.0.1:8124/v1.0/engagements/referrals?$skiptoken=a", "as written"),
            // Relative links, resolved against the collection.
            (production, "/v1.0/engagements/referrals?$skiptoken=a", "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a"),
            (production + "?$filter=x", "?$skiptoken=a", "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a"),
            // A TLS-terminating proxy's http link on the default ports: sent as https.
            (
                production, "http://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a",
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a"
            ),
            (
                production, "http://api.partner.microsoft.com:80/v1.0/engagements/referrals?$skiptoken=a",
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=a"
            ),
            // Refused: another host, port or scheme the token must not go to, user information.
            (production, "https://evil.example.net/v1.0/engagements/referrals?$skiptoken=a", nil),
            (production, "https://api.partner.microsoft.com.evil.net/v1.0/engagements/referrals", nil),
            (production, "https://api.partner.microsoft.com:8443/v1.0/engagements/referrals", nil),
            (production, "http://api.partner.microsoft.com:8080/v1.0/engagements/referrals", nil),
            (production, "//evil.example.net/v1.0/engagements/referrals", nil),
            (production, "https://me@api.partner.microsoft.com/v1.0/engagements/referrals", nil),
            (production, "ftp://api.partner.microsoft.com/v1.0/engagements/referrals", nil),
            (sandbox, "http://127.0.0.1:8125/v1.0/engagements/referrals", nil),
            (sandbox, "https://127.0.0.1/v1.0/engagements/referrals", nil),
            (production, "https://api.partner.microsoft.com:99999/x", nil),
        ] as [(String, String, String?)])
    func aLinkIsFollowedOnlyOnTheEndpointsHost(endpoint: String, link: String, expected: String?) {
        let followed = NextLink.url(toFollow: link, from: endpoint)
        #expect(followed == (expected == "as written" ? link : expected), "\(link) from \(endpoint)")
    }
}
