/// What `logout` did: the cached sign-ins it removed, and the ones the session may still use.
public struct SignOut: Sendable, Equatable {
    /// One cached sign-in, as `logout` names it: who, and the tenant as the sign-in named it.
    public struct Account: Sendable, Equatable {
        /// The user's sign-in name.
        public var user: String
        /// The tenant: its id from the token, else as the sign-in named it.
        public var tenant: String

        /// An account of `user` in `tenant`.
        public init(user: String, tenant: String) {
            self.user = user
            self.tenant = tenant
        }
    }

    /// The sign-ins `logout` removed.
    public var removed: [Account]
    /// The cached sign-ins the session may still use (the next request takes the newest).
    public var remaining: [Account]

    /// What a `logout` did.
    public init(removed: [Account] = [], remaining: [Account] = []) {
        self.removed = removed
        self.remaining = remaining
    }
}
