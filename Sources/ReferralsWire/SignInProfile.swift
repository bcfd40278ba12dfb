/// Which Microsoft Entra ID sign-in a session uses: the authority, tenant, application (client)
/// id and scope, each `nil` when not chosen (the defaults then apply; a cached sign-in is found
/// by the fields that are chosen). See docs/sign-in.md.
public struct SignInProfile: Sendable, Equatable {
    /// `https://login.microsoftonline.com` unless changed (`--authority`, `REFSH_AUTHORITY`).
    public var authority: String?
    /// A tenant id or domain (`contoso.onmicrosoft.com`); `organizations` when not chosen.
    public var tenant: String?
    /// The application (client) id of the integrator's Entra app registration.
    public var clientId: String?
    /// The scope asked for; the Partner Center API's `.default` plus `offline_access` when not chosen.
    public var scope: String?

    public init(authority: String? = nil, tenant: String? = nil, clientId: String? = nil, scope: String? = nil) {
        self.authority = authority
        self.tenant = tenant
        self.clientId = clientId
        self.scope = scope
    }

    /// Microsoft Entra ID's public cloud.
    public static let defaultAuthority = "https://login.microsoftonline.com"
    /// A tenant-independent sign-in for work and school accounts.
    public static let defaultTenant = "organizations"
    /// The Partner Center API's scope, and a refresh token.
    public static let defaultScope = "https://api.partner.microsoft.com/.default offline_access"

    /// This profile with each field that `other` chooses taken from it (`other` wins).
    public func overridden(by other: SignInProfile) -> SignInProfile {
        SignInProfile(
            authority: other.authority ?? authority, tenant: other.tenant ?? tenant, clientId: other.clientId ?? clientId,
            scope: other.scope ?? scope)
    }
}
