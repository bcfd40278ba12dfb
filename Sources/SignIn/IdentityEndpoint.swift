import ReferralKit
import ReferralsWire

/// A sign-in profile with every default applied: where the device-code and token endpoints are,
/// for which tenant, application and scope, and the name its cached sign-ins are filed under.
public struct IdentityEndpoint: Sendable, Equatable {
    /// `https://login.microsoftonline.com`, or the sandbox's identity URL.
    public var authority: String
    public var tenant: String
    public var clientId: String
    public var scope: String
    /// The authority as the token cache names it: the URL, or `sandbox` for the embedded
    /// sandbox (whose port changes with every process).
    public var cacheName: String
    /// Sent as `Authorization: Bearer` to the embedded sandbox's identity side, which signs in
    /// only the process that owns it; `nil` for Microsoft Entra ID.
    public var processCredential: Secret?

    public init(
        authority: String, tenant: String, clientId: String, scope: String, cacheName: String? = nil, processCredential: Secret? = nil
    ) {
        self.authority = authority.hasSuffix("/") ? String(authority.dropLast()) : authority
        self.tenant = tenant
        self.clientId = clientId
        self.scope = scope
        self.cacheName = cacheName ?? self.authority
        self.processCredential = processCredential
    }

    /// `{authority}/{tenant}/oauth2/v2.0/{name}`.
    func url(_ name: String) -> String {
        authority + "/" + PercentEncoding.encode(tenant) + "/oauth2/v2.0/" + name
    }
}
