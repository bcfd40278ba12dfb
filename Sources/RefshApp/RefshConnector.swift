import BuildInfo
import Client
import Foundation
import RefScript
import ReferralsWire
import SignIn
import Troubleshooting

/// Binds the interpreter's ``ServiceConnector`` to the real world: the HTTP client for a URL,
/// and for `sandbox` the embedded sandbox, started on first use.
public final class RefshConnector: ServiceConnector {
    private let sandbox: any SandboxHosting
    private let notify: @Sendable (String) -> Void
    private let keeper: SecretKeeper
    private let credentials: CredentialBroker
    private let tap: ExchangeTap?
    private let replay: ReplayScript?
    /// The session's one throttle: every API request of every client it makes goes through it.
    public let governor: RequestGovernor

    /// - Parameters:
    ///   - sandbox: how the embedded sandbox runs (on loopback, or in-process for tests).
    ///   - keeper: the process's secrets (the interpreter's output redacts the same ones).
    ///   - credentialCache: where sign-ins are cached.
    ///   - sleeper, now: how the device-code flow waits and tells time (tests pass their own).
    ///   - notify: shows the user a one-time notice (standard error).
    ///   - tap: where every exchange is traced and recorded (docs/support.md).
    ///   - replay: a recording that answers every request instead of the network.
    public init(
        sandbox: any SandboxHosting, keeper: SecretKeeper = SecretKeeper(), credentialCache: CredentialCache, sleeper: any Sleeper = TaskSleeper(),
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }, tap: ExchangeTap? = nil, replay: ReplayScript? = nil,
        notify: @escaping @Sendable (String) -> Void
    ) {
        self.sandbox = sandbox
        self.notify = notify
        self.keeper = keeper
        self.tap = tap
        self.replay = replay
        governor = RequestGovernor()
        credentials = CredentialBroker(cache: credentialCache, keeper: keeper, sleeper: sleeper, now: now, tap: tap)
    }

    public func connect(_ settings: ConnectionSettings, observer: (any ServiceObserver)?) async throws(ServiceError) -> any ReferralService {
        if let replay { return replayClient(replay, settings: settings, observer: observer) }
        switch settings.endpoint {
        case .url(let url):
            if case .failure(let refusal) = EndpointPolicy.endpoint(url, insecure: settings.insecure) {
                throw ServiceError(.rejected, refusal.message)
            }
            let credential = try await credentials.credential(settings, sandbox: nil) ?? FixedCredential(nil)
            return client(
                endpoint: url, credential: credential, settings: settings, transport: AsyncHTTPTransport(), description: nil, observer: observer)
        case .sandbox:
            let started = try await startSandbox()
            // The embedded sandbox takes its own random token, or the tokens of a sign-in to its
            // identity side; a token set for the real service never goes there.
            var sandboxSettings = settings
            sandboxSettings.token = nil
            sandboxSettings.tokenCommand = nil
            let credential = try await credentials.credential(sandboxSettings, sandbox: started) ?? FixedCredential(started.token)
            return client(
                endpoint: started.url, credential: credential, settings: settings, transport: started.makeTransport(),
                description: "sandbox", observer: observer)
        }
    }

    public func login(_ profile: SignInProfile, settings: ConnectionSettings, tell: (String) -> Void) async throws(ServiceError)
        -> CredentialStatus
    {
        if let replay {
            throw ServiceError(.rejected, "no sign-in while replaying \(replay.name): the recording answers every request", origin: .client)
        }
        let started = settings.endpoint == .sandbox && profile.authority == nil ? try await startSandbox() : nil
        let (endpoint, flow) = try await credentials.prepareLogin(profile, settings: settings, sandbox: started)
        let answer = try await flow.run(endpoint, tell: tell)
        return try await credentials.finishLogin(answer, endpoint: endpoint, sandbox: started)
    }

    public func logout(_ profile: SignInProfile, settings: ConnectionSettings, all: Bool) async throws(ServiceError) -> SignOut {
        if let replay {
            throw ServiceError(.rejected, "no sign-out while replaying \(replay.name): your own sign-ins stay as they are", origin: .client)
        }
        var chosen = settings
        chosen.signIn = profile
        let (removed, remaining) = try await credentials.logout(chosen, all: all)
        let named = { (signIn: CachedSignIn) in SignOut.Account(user: signIn.user, tenant: signIn.tenantId ?? signIn.tenant) }
        return SignOut(removed: removed.map(named), remaining: remaining.map(named))
    }

    public func credentialStatus(_ settings: ConnectionSettings) async -> CredentialStatus? {
        if replay != nil { return nil }  // the recording's run had its own; this machine's is not shown
        var sandboxSettings = settings
        if settings.endpoint == .sandbox {
            sandboxSettings.token = nil
            sandboxSettings.tokenCommand = nil
        }
        guard var status = await credentials.status(sandboxSettings) else { return nil }
        if let expires = status.expires, expires.isFinite, (0...1e11).contains(expires) {
            status.expiryText = Self.expiryText(expires, now: Date().timeIntervalSince1970)
        }
        return status
    }

    /// `2026-12-03 12:00 UTC (in 59 min)`, or `… (expired)`.
    static func expiryText(_ expires: Double, now: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let left = expires - now
        let span = left <= 0 ? "expired; renewed by the next request" : left < 120 ? "in \(Int(left)) s" : "in \(Int(left / 60)) min"
        return formatter.string(from: Date(timeIntervalSince1970: expires)) + " UTC (" + span + ")"
    }

    private func startSandbox() async throws(ServiceError) -> SandboxConnection {
        let started: SandboxConnection
        do {
            started = try await sandbox.start()
        } catch is CancellationError {
            // Ctrl-C while it started: a cancellation, as for any request, not a broken sandbox.
            throw ServiceError(.cancelled, "cancelled while the embedded sandbox started", origin: .client)
        } catch {
            if Task.isCancelled { throw ServiceError(.cancelled, "cancelled while the embedded sandbox started", origin: .client) }
            throw ServiceError(.unavailable, "the embedded sandbox could not start: \(error)")
        }
        if started.created {
            notify(
                "refsh: no endpoint configured: using the embedded sandbox, a local emulation of the Referrals API, with sample referrals in \(sandbox.storePath); use --endpoint URL or connect <url> for the real service\n"
            )
        }
        return started
    }

    /// The session's one throttle (``governor``).
    public var throttle: (any RequestThrottle)? { governor }

    public var replayDescription: String? {
        replay.map { "replay of \($0.name), recorded at \($0.recording.origin ?? "an unknown endpoint")" }
    }

    public func newCorrelationId() -> String { replay?.nextCorrelationId() ?? UUID().uuidString.lowercased() }

    private func client(
        endpoint: String, credential: any BearerCredential, settings: ConnectionSettings, transport: any HTTPTransport, description: String?,
        observer: (any ServiceObserver)?
    ) -> ReferralsClient {
        var configuration = ReferralsClient.Configuration(
            endpoint: endpoint, credential: credential, secretKeeper: keeper, correlationId: settings.correlationId,
            description: description, observer: observer)
        configuration.userAgent = Self.userAgent
        return ReferralsClient(
            configuration: configuration,
            transport: GovernedTransport(tapped(transport), governor: governor), requestIds: RequestIdentifier.random,
            seed: Self.jitterSeed(settings.correlationId))
    }

    /// `transport`, reporting to the tap when there is one.
    private func tapped(_ transport: any HTTPTransport) -> any HTTPTransport {
        tap.map { TappedTransport(transport, tap: $0) } ?? transport
    }

    /// A client answered by the recording: its origin (so the recorded links are followed), no
    /// token, no waiting before retries, and the recorded request ids in order.
    private func replayClient(_ replay: ReplayScript, settings: ConnectionSettings, observer: (any ServiceObserver)?) -> ReferralsClient {
        let transport: any HTTPTransport = GovernedTransport(ReplayTransport(script: replay), governor: governor, waits: false)
        var configuration = ReferralsClient.Configuration(
            endpoint: replay.recording.origin ?? "http://replay.invalid", credential: ReplayCredential(), secretKeeper: keeper,
            correlationId: settings.correlationId, description: settings.endpoint == .sandbox ? "sandbox" : nil, observer: observer)
        configuration.userAgent = Self.userAgent
        return ReferralsClient(
            configuration: configuration,
            transport: tapped(transport), sleeper: NoWaitSleeper(),
            requestIds: { replay.nextRequestId() }, seed: Self.jitterSeed(settings.correlationId))
    }

    /// What every client of this refsh sends as `User-Agent`: `refsh/0.9.0`.
    static let userAgent = "refsh/" + RefshBuild.version

    /// The seed of the retry jitter: from the correlation id, so a replay (which takes the
    /// recorded one) waits, and says it waits, exactly as the recorded run did; sessions with
    /// different correlation ids still spread their retries.
    static func jitterSeed(_ correlationId: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in correlationId.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash == 0 ? 1 : hash
    }
}

/// A replay's credential: a stand-in token (the recording is matched without it), renewed once
/// after a 401 as a real sign-in would be, so a recorded "401, renew, 200" replays as it ran.
struct ReplayCredential: BearerCredential {
    var isPresent: Bool { true }
    static let first = "refsh-replay-stand-in-token-1"
    func currentToken() async throws(ServiceError) -> Secret? { Secret(Self.first) }
    func renewed(after token: Secret) async throws(ServiceError) -> Secret? {
        token.reveal() == Self.first ? Secret("refsh-replay-stand-in-token-2") : nil
    }
}

/// Retries without waiting: a replay has no service to give time to.
struct NoWaitSleeper: Sleeper {
    func sleep(seconds: Double) async {}
}
