/// What `logout` did: the cached sign-ins it removed, and the ones the session may still use.
public struct SignOut: Sendable, Equatable {
    /// One cached sign-in, as `logout` names it: who, and the tenant as the sign-in named it.
    public struct Account: Sendable, Equatable {
        public var user: String
        public var tenant: String

        public init(user: String, tenant: String) {
            self.user = user
            self.tenant = tenant
        }
    }

    public var removed: [Account]
    public var remaining: [Account]

    public init(removed: [Account] = [], remaining: [Account] = []) {
        self.removed = removed
        self.remaining = remaining
    }
}
