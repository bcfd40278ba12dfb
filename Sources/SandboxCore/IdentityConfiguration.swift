/// How the sandbox's Microsoft Entra ID emulation behaves (docs/sandbox.md, "Sign-in").
public struct IdentityConfiguration: Sendable {
    /// Lifetime of access and id tokens; short ones make expiry testable (`--token-lifetime`).
    public var tokenLifetimeSeconds = 3600
    /// Lifetime of refresh tokens (Entra's default is 90 days).
    public var refreshLifetimeSeconds = 90 * 24 * 3600
    /// How long a device code may be redeemed (Entra: 15 minutes).
    public var deviceCodeLifetimeSeconds = 900
    /// The polling interval the device-code answer asks for (Entra: 5 s).
    public var pollIntervalSeconds = 5
    /// When set (the embedded sandbox), the device-code and token endpoints take requests only
    /// with `Authorization: Bearer <this>`: only the refsh process that owns the sandbox can sign in.
    public var clientCredential: String?
    /// The tenant id tokens carry when the sign-in names `common` or `organizations`.
    public var defaultTenantId = "5f1c6b42-8d3e-4a7b-9c61-2e0d4f8a9b17"
    /// The organization's users (`refsh-sandbox serve --user … --role …`): when there are any,
    /// only they can sign in, each with their own role (the sign-in page's role is ignored, as
    /// the role is Partner Center's, not the signer-in's choice). Empty: anyone, with the role
    /// the page gives.
    public var directory: [SandboxUser] = []
    /// The resource whose scope a sign-in must ask for.
    public static let resource = "https://api.partner.microsoft.com"

    public init() {}
}
