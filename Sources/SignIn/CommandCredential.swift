import ReferralsWire

/// The token a credential helper prints, run again when the token it gave expires (by its
/// `expiresOn`, or the JWT's `exp`) or a 401 comes back.
public actor CommandCredential: BearerCredential {
    public let command: String
    let runner: TokenCommandRunner
    let keeper: SecretKeeper
    let now: @Sendable () -> Double
    private var current: (token: Secret, expires: Double?)?

    public nonisolated let isPresent = true

    public init(command: String, runner: TokenCommandRunner = TokenCommandRunner(), keeper: SecretKeeper, now: @escaping @Sendable () -> Double) {
        self.command = command
        self.runner = runner
        self.keeper = keeper
        self.now = now
    }

    public func currentToken() async throws(ServiceError) -> Secret? {
        if let current, current.expires.map({ $0 - now() > 60 }) ?? true { return current.token }
        return try await rerun()
    }

    public func renewed(after rejected: Secret) async throws(ServiceError) -> Secret? {
        if let current, current.token != rejected { return current.token }
        let fresh = try await rerun()
        return fresh == rejected ? nil : fresh  // the helper gave the same token: the 401 stands
    }

    public func status() -> CredentialStatus {
        CredentialStatus(source: "token command", user: current.flatMap { TokenClaims.of($0.token.reveal())?.user }, expires: current?.expires)
    }

    private func rerun() async throws(ServiceError) -> Secret {
        let fresh = try await runner.token(from: command, keeper: keeper)
        current = fresh
        return fresh.token
    }
}
