/// What `session` shows of a credential: who, which tenant, until when, from where; never the token.
public struct CredentialStatus: Sendable, Equatable {
    /// `login`, `command`, `file …`, `REFSH_TOKEN`, `typed`.
    public var source: String
    public var user: String?
    public var tenant: String?
    /// When the access token in memory expires, seconds since 1970; `nil` when unknown or none yet.
    public var expires: Double?
    /// ``expires`` for people, as of when the status was taken: `2026-12-03 12:00 UTC (in 59 min)`.
    public var expiryText: String?

    public init(source: String, user: String? = nil, tenant: String? = nil, expires: Double? = nil) {
        self.source = source
        self.user = user
        self.tenant = tenant
        self.expires = expires
    }
}
