import ReferralKit
import ReferralsWire
import Testing

@testable import Client

/// `ReferralsClient.requestPath(of:)` (an URL of the endpoint cut after its origin, with no
/// parse) against `ReferralsClient.path(of:)`, which parses: the same path for URLs of the
/// endpoint and of others, with delimiters, ports, look-alike hosts and non-ASCII text right
/// where the shortcut decides.
@Suite struct RequestPathTests {
    static let endpoints = ["https://api.example.com", "http://127.0.0.1:8080", "https://Api.Example.com/base", "https://exämple.com"]
    static let pieces = [
        "/", "?", "#", "/v1.0/engagements/referrals", "/id-1", "?$top=5", "a", "0", ":", ":80", "é", "\u{301}", "%2F", "//", "#x", "\r\n", "@h",
    ]

    func client(_ endpoint: String) -> ReferralsClient {
        ReferralsClient(
            configuration: .init(endpoint: endpoint, token: nil, correlationId: "c"), transport: ScriptedTransport([]),
            requestIds: { "r" })
    }

    @Test func cuttingAfterTheOriginAgreesWithParsingTheURL() {
        var rng = SplitMix64(seed: 0x0_71A7)
        var shortcut = 0, parsed = 0
        for endpoint in Self.endpoints {
            let client = client(endpoint)
            let origins = [
                client.origin, client.origin, client.origin, AbsoluteURL(endpoint)?.origin ?? endpoint, "https://other.example.com",
                "https://api.example.co", "",
            ]
            for _ in 0..<400 {
                let origin = origins[Int(rng.next() % UInt64(origins.count))]
                let lead = ["/", "?", "#", ""][Int(rng.next() % 4)]
                let url = origin + lead + (0..<Int(rng.next() % 4)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
                #expect(client.requestPath(of: url) == ReferralsClient.path(of: url), "\(endpoint): \(url)")
                if !origin.isEmpty, origin == client.origin, !lead.isEmpty { shortcut += 1 } else { parsed += 1 }
            }
        }
        #expect(shortcut > 200 && parsed > 200, "\(shortcut) URLs of the endpoint, \(parsed) others: both must be common")
    }

    @Test func anEndpointThatIsNotASCIIIsAlwaysParsed() {
        #expect(client("https://exämple.com").origin.isEmpty)
        #expect(client("http://127.0.0.1:8080").origin == "http://127.0.0.1:8080")
    }
}
