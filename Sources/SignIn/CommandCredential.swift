import ReferralsWire

/// The token a credential helper prints, run again when the token it gave expires (by its
/// `expiresOn`, or the JWT's `exp`) or a 401 comes back. Callers that need a new token while
/// the helper runs wait for that run (a parallel loop's workers, all answered 401 at once, run it
/// once, not once each).
public actor CommandCredential: BearerCredential {
    public let command: String
    let runner: TokenCommandRunner
    let keeper: SecretKeeper
    let now: @Sendable () -> Double
    private var current: (token: Secret, expires: Double?)?
    /// The helper's run under way, if any.
    private var running: Task<Result<(token: Secret, expires: Double?), ServiceError>, Never>?

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

    /// Runs the helper, or waits for the run under way. The caller that started it stops it when
    /// cancelled (Ctrl-C; then those waiting for it get the cancellation too).
    private func rerun() async throws(ServiceError) -> Secret {
        if let running { return try await running.value.get().token }
        let (runner, command, keeper) = (runner, command, keeper)
        let run = Task { () async -> Result<(token: Secret, expires: Double?), ServiceError> in
            do throws(ServiceError) {
                return .success(try await runner.token(from: command, keeper: keeper))
            } catch {
                return .failure(error)
            }
        }
        running = run
        let result = await withTaskCancellationHandler {
            await run.value
        } onCancel: {
            run.cancel()
        }
        running = nil
        if case .success(let fresh) = result { current = fresh }
        return try result.get().token
    }
}
