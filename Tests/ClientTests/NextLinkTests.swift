import ReferralsWire
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

    /// The refusal quotes the link cut at 120 characters after the token is taken out of it: cut
    /// first, a token that straddled the cut left 14 of its characters, too few to be found.
    @Test func aRefusedLinkIsQuotedWithoutAPieceOfTheToken() throws {
        let token = "Xq7Lm2Pz9Rt4Vw8Ks3Nb6Hd1Fg5Jc0Ya"
        let keeper = SecretKeeper()
        keeper.remember(Secret(token))
        let client = ReferralsClient(
            configuration: .init(
                endpoint: "https://api.example.com", credential: FixedCredential(Secret(token)), secretKeeper: keeper, correlationId: "c"),
            transport: ScriptedTransport([]), requestIds: { "r" })
        let link = "https://evil.example.com/v1.0/engagements/referrals?$skiptoken=" + String(repeating: "a", count: 42) + token
        do throws(ServiceError) {
            _ = try client.listURL(ListQuery(nextLink: link))
            Issue.record("a link to another host was followed")
        } catch {
            #expect(!error.message.contains(String(token.prefix(8))), "\(error.message)")
            #expect(error.message.contains("<redacted>"), "\(error.message)")
        }
    }
}
