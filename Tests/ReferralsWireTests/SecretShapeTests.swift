import Testing

@testable import ReferralsWire

/// Words that look like tokens are told from file paths, names and ids, so a token pasted in the
/// wrong place is not quoted back, and other words still are.
@Suite struct SecretShapeTests {
    static let opaque = "rgOkPDq7Zx9_Km-3Vb/Q+Zx9_Km3VbQ8Lp0Wz2Tn5Rj"
    static let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJl"
    static let refresh = "0.AXoAr3fK2m9QzE8vT1pL6sW4yB7nH0cJ5gD"

    @Test(arguments: [opaque, jwt, refresh, "AbCdEfGhIjKlMnOpQrStUvWx12==", "DAQABAAEAAAD--DLA3VO7QrddgJg7WevrQ"])
    func tokensAreRecognised(_ word: String) {
        #expect(SecretShape.looksLikeToken(word))
    }

    @Test(arguments: [
        "/home/ann/Projects/Contoso2026/deal.refscript", "./tokens/ProductionToken2026.txt", "~/Secrets/Contoso2026Token",
        "Token-File-For-Contoso-2026-Production", "MarketingQualifiedLeadFromPartner2026", "49d90c72-3326-4f61-aacc-2cb57970448c",
        "3f89dd0a9c4e2b17d65e8f03a1c7b2e9d4f60a18", "https://api.partner.microsoft.com", "short7Ab", "ALLUPPERCASEWORDS1234567890",
    ])
    func otherWordsAreNot(_ word: String) {
        #expect(!SecretShape.looksLikeToken(word))
    }

    @Test func maskingReplacesTokenWordsOnly() {
        #expect(SecretShape.masked("unknown option '--token=\(Self.opaque)'") == "unknown option '--token=<redacted>'")
        #expect(SecretShape.masked("/bin/sh: 1: \(Self.jwt): not found") == "/bin/sh: 1: <redacted>: not found")
        #expect(SecretShape.masked("echo \(Self.opaque)==") == "echo <redacted>")
        let ordinary = "cannot read /home/ann/Projects/Contoso2026/deal.refscript: no such file"
        #expect(SecretShape.masked(ordinary) == ordinary)
        #expect(SecretShape.quoted(Self.opaque) == "a word of 43 characters that looks like a token (not shown)")
        #expect(SecretShape.quoted("contoso") == "'contoso'")
    }
}
