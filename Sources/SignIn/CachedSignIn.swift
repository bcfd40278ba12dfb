import ReferralKit
import ReferralsWire

/// One signed-in user in the token cache: which authority, tenant and application, who, and the
/// refresh token (the only secret kept on disk; access tokens live in memory only).
public struct CachedSignIn: Sendable, Equatable {
    /// The authority's cache name (``IdentityEndpoint/cacheName``).
    public var authority: String
    /// The tenant as the sign-in named it (`organizations`, a domain, an id).
    public var tenant: String
    public var clientId: String
    /// The user's sign-in name, from the id token.
    public var user: String
    /// The tenant id from the id token, when it had one.
    public var tenantId: String?
    public var refreshToken: Secret
    /// When it was saved, seconds since 1970 (the newest matching entry is used).
    public var savedAt: Double

    public init(
        authority: String, tenant: String, clientId: String, user: String, tenantId: String?, refreshToken: Secret, savedAt: Double
    ) {
        self.authority = authority
        self.tenant = tenant
        self.clientId = clientId
        self.user = user
        self.tenantId = tenantId
        self.refreshToken = refreshToken
        self.savedAt = savedAt
    }

    /// Whether this entry is for the same authority, tenant, application and user as `other`.
    public func sameSignIn(as other: CachedSignIn) -> Bool {
        authority == other.authority && tenant.lowercased() == other.tenant.lowercased() && clientId == other.clientId
            && user.lowercased() == other.user.lowercased()
    }

    /// Whether this entry fits `profile`: every field the profile chooses matches.
    public func matches(_ profile: SignInProfile, authority cacheName: String) -> Bool {
        authority == cacheName && (profile.tenant.map { $0.lowercased() == tenant.lowercased() || $0 == tenantId } ?? true)
            && (profile.clientId.map { $0 == clientId } ?? true)
    }

    var json: JSONValue {
        var object = JSONObject()
        object["authority"] = .string(authority)
        object["tenant"] = .string(tenant)
        object["clientId"] = .string(clientId)
        object["user"] = .string(user)
        object["tenantId"] = tenantId.map(JSONValue.string) ?? .null
        object["refreshToken"] = .string(refreshToken.reveal())
        object["savedAt"] = .number(JSONNumber(Int(plausibleTime(savedAt) ?? 0)))
        return .object(object)
    }

    init?(json: JSONValue) {
        guard let object = json.objectValue, let authority = object["authority"]?.stringValue, let tenant = object["tenant"]?.stringValue,
            let clientId = object["clientId"]?.stringValue, let user = object["user"]?.stringValue,
            let refresh = object["refreshToken"]?.stringValue, !refresh.isEmpty
        else { return nil }
        self.init(
            authority: authority, tenant: tenant, clientId: clientId, user: user, tenantId: object["tenantId"]?.stringValue,
            refreshToken: Secret(refresh), savedAt: plausibleTime(object["savedAt"]?.numberValue?.doubleValue) ?? 0)
    }
}
