/// Where a client's bearer token comes from: a fixed token, or one that expires and is renewed
/// (a sign-in's refresh token, a credential helper). The client asks before every attempt, so a
/// token close to expiry is renewed first, and once more after a 401.
public protocol BearerCredential: Sendable {
    /// Whether requests carry a token at all (for `--dry-run` previews, which send nothing).
    var isPresent: Bool { get }
    /// The token to send now, renewed first when it is about to expire; `nil`: send none.
    func currentToken() async throws(ServiceError) -> Secret?
    /// A new token after the service refused `rejected` with a 401, or `nil` when this source
    /// cannot do better than what it gave (the 401 is then shown).
    func renewed(after rejected: Secret) async throws(ServiceError) -> Secret?
}

/// A token that never changes (`--token-file`, `REFSH_TOKEN`, `token`), or none.
public struct FixedCredential: BearerCredential {
    public let token: Secret?
    public init(_ token: Secret?) { self.token = token }
    public var isPresent: Bool { token != nil }
    public func currentToken() async throws(ServiceError) -> Secret? { token }
    public func renewed(after rejected: Secret) async throws(ServiceError) -> Secret? { nil }
}
