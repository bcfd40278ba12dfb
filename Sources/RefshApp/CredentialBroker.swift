import Client
import Foundation
import RefScript
import ReferralsWire
import SignIn
import Troubleshooting

/// Chooses the session's bearer credential by the documented precedence (a token, a token
/// command, a cached sign-in) and keeps each credential for the life of the process, so an
/// access token obtained once is reused across reconnects. Also runs `login` and `logout`.
actor CredentialBroker {
    let cache: CredentialCache
    let keeper: SecretKeeper
    let sleeper: any Sleeper
    let now: @Sendable () -> Double
    /// Where sign-in exchanges are traced, if anywhere.
    let tap: ExchangeTap?
    private var logins: [String: LoginCredential] = [:]
    private var commands: [String: CommandCredential] = [:]

    init(cache: CredentialCache, keeper: SecretKeeper, sleeper: any Sleeper, now: @escaping @Sendable () -> Double, tap: ExchangeTap? = nil) {
        self.tap = tap
        self.cache = cache
        self.keeper = keeper
        self.sleeper = sleeper
        self.now = now
    }

    /// The credential for `settings`, or `nil` when none is set and no sign-in is cached.
    /// `sandbox` is the started embedded sandbox when that is the endpoint.
    func credential(_ settings: ConnectionSettings, sandbox: SandboxConnection?) async throws(ServiceError) -> (any BearerCredential)? {
        if let token = settings.token { return FixedCredential(token) }
        if let command = settings.tokenCommand {
            if let known = commands[command] { return known }
            let made = CommandCredential(command: command, keeper: keeper, now: now)
            commands[command] = made
            return made
        }
        let profile = settings.signIn
        let cacheName = Self.cacheName(profile, endpoint: settings.endpoint)
        guard Self.fits(cacheName, endpoint: settings.endpoint), let signIn = try newestSignIn(profile, cacheName: cacheName) else { return nil }
        let key = Self.key(signIn)
        if let known = logins[key] { return known }
        let endpoint = try identityEndpoint(profile, settings: settings, sandbox: sandbox, clientId: signIn.clientId, tenant: signIn.tenant)
        let made = LoginCredential(
            endpoint: endpoint, signIn: signIn, first: nil, cache: cache, client: identityClient(sandbox), keeper: keeper, now: now)
        logins[key] = made
        return made
    }

    /// The identity endpoint and the device-code flow of a `login` (run by the caller, which
    /// tells the user where to sign in); an unusable cache is refused before the user signs in.
    func prepareLogin(_ profile: SignInProfile, settings: ConnectionSettings, sandbox: SandboxConnection?) throws(ServiceError)
        -> (IdentityEndpoint, DeviceCodeLogin)
    {
        let endpoint = try identityEndpoint(profile, settings: settings, sandbox: sandbox, clientId: nil, tenant: nil)
        _ = try cache.entries(keeper: keeper)
        return (endpoint, DeviceCodeLogin(client: identityClient(sandbox), keeper: keeper, sleeper: sleeper, now: now))
    }

    /// Caches the sign-in a device-code flow ended with; its access token serves the session.
    func finishLogin(_ answer: TokenAnswer, endpoint: IdentityEndpoint, sandbox: SandboxConnection?) async throws(ServiceError)
        -> CredentialStatus
    {
        guard let refresh = answer.refreshToken else {
            throw ServiceError(
                .unavailable, "the identity endpoint issued no refresh token: keep offline_access in the scope", origin: .client)
        }
        let claims = answer.idToken.flatMap { TokenClaims.of($0.reveal()) } ?? TokenClaims.of(answer.accessToken.reveal())
        let signIn = CachedSignIn(
            authority: endpoint.cacheName, tenant: endpoint.tenant, clientId: endpoint.clientId, user: claims?.user ?? "unknown user",
            tenantId: claims?.tenantId, refreshToken: refresh, savedAt: now())
        try await cache.update(keeper: keeper) { (entries: inout [CachedSignIn]) async throws(ServiceError) in
            entries.removeAll { $0.sameSignIn(as: signIn) }
            entries.append(signIn)
        }
        let credential = LoginCredential(
            endpoint: endpoint, signIn: signIn, first: answer, cache: cache, client: identityClient(sandbox), keeper: keeper, now: now)
        logins[Self.key(signIn)] = credential
        return await credential.status()
    }

    /// Removes the cached sign-ins of the tenant and application this session signs in with
    /// (all of them with `all`): the profile's, or, where it names none, the newest fitting
    /// sign-in's, so another tenant's sign-in stays. Returns the removed ones and the cached ones
    /// this session may still sign in with.
    func logout(_ settings: ConnectionSettings, all: Bool) async throws(ServiceError) -> (removed: [CachedSignIn], remaining: [CachedSignIn]) {
        let cacheName = Self.cacheName(settings.signIn, endpoint: settings.endpoint)
        let profile = settings.signIn
        let fits = { (signIn: CachedSignIn) in signIn.matches(profile, authority: cacheName) }
        let outcome = try await cache.update(keeper: keeper) {
            (entries: inout [CachedSignIn]) async throws(ServiceError) -> (removed: [CachedSignIn], remaining: [CachedSignIn]) in
            let leaving: [CachedSignIn]
            let fitting = entries.filter(fits)
            if all {
                leaving = entries
            } else if profile.tenant != nil {
                leaving = fitting  // the tenant the session names, however each sign-in spelt it
            } else if let used = fitting.max(by: { $0.savedAt < $1.savedAt }) {
                // The tenant as the sign-in's token names it (organizations and the domain of
                // one tenant are one tenant), and the application, of the sign-in in use.
                let tenant = { (signIn: CachedSignIn) in (signIn.tenantId ?? signIn.tenant).lowercased() }
                leaving = fitting.filter { tenant($0) == tenant(used) && $0.clientId == used.clientId }
            } else {
                leaving = []
            }
            entries.removeAll { entry in leaving.contains { $0.sameSignIn(as: entry) } }
            return (leaving, entries.filter(fits))
        }
        for signIn in outcome.removed { logins[Self.key(signIn)] = nil }
        return outcome
    }

    /// Who the session's credential is, without connecting or renewing anything.
    func status(_ settings: ConnectionSettings) async -> CredentialStatus? {
        if settings.token != nil { return nil }  // `session` shows the token's source itself
        if let command = settings.tokenCommand {
            return await commands[command]?.status() ?? CredentialStatus(source: "token command (not run yet)")
        }
        let cacheName = Self.cacheName(settings.signIn, endpoint: settings.endpoint)
        guard Self.fits(cacheName, endpoint: settings.endpoint), let signIn = try? newestSignIn(settings.signIn, cacheName: cacheName) else {
            return nil
        }
        if let known = logins[Self.key(signIn)] { return await known.status() }
        return CredentialStatus(source: "login (cached)", user: signIn.user, tenant: signIn.tenantId ?? signIn.tenant)
    }

    private func newestSignIn(_ profile: SignInProfile, cacheName: String) throws(ServiceError) -> CachedSignIn? {
        try cache.entries(keeper: keeper).filter { $0.matches(profile, authority: cacheName) }.max { $0.savedAt < $1.savedAt }
    }

    /// The identity endpoint `profile` names, its defaults filled in for `settings`' endpoint.
    private func identityEndpoint(
        _ profile: SignInProfile, settings: ConnectionSettings, sandbox: SandboxConnection?, clientId: String?, tenant: String?
    ) throws(ServiceError) -> IdentityEndpoint {
        let tenant = tenant ?? profile.tenant ?? SignInProfile.defaultTenant
        let scope = profile.scope ?? SignInProfile.defaultScope
        if profile.authority == nil, let sandbox {
            guard let identity = sandbox.identityURL else {
                throw ServiceError(.rejected, "this embedded sandbox has no identity side to sign in to", origin: .client)
            }
            return IdentityEndpoint(
                authority: identity, tenant: tenant, clientId: clientId ?? profile.clientId ?? "refsh", scope: scope, cacheName: "sandbox",
                processCredential: sandbox.token)
        }
        guard let clientId = clientId ?? profile.clientId else {
            throw ServiceError(
                .rejected,
                "login needs the application (client) id of your Entra app registration: login --client-id <id>, option client-id or REFSH_CLIENT_ID (docs/sign-in.md)",
                origin: .client)
        }
        return IdentityEndpoint(authority: profile.authority ?? SignInProfile.defaultAuthority, tenant: tenant, clientId: clientId, scope: scope)
    }

    private func identityClient(_ sandbox: SandboxConnection?) -> IdentityClient {
        let base: @Sendable () -> any HTTPTransport
        if let sandbox { base = sandbox.makeTransport } else { base = { AsyncHTTPTransport() } }
        guard let tap else { return IdentityClient(makeTransport: base, keeper: keeper) }
        return IdentityClient(makeTransport: { TappedTransport(base(), tap: tap, kind: .identity) }, keeper: keeper)
    }

    /// The cache's name for the authority `profile` signs in to at `endpoint`.
    static func cacheName(_ profile: SignInProfile, endpoint: Endpoint) -> String {
        if let authority = profile.authority { return authority.hasSuffix("/") ? String(authority.dropLast()) : authority }
        return endpoint == .sandbox ? "sandbox" : SignInProfile.defaultAuthority
    }

    /// Whether sign-ins to `cacheName` may serve `endpoint`: the embedded sandbox takes only its
    /// own sign-ins (or a local sandbox's), never a real Entra ID token.
    static func fits(_ cacheName: String, endpoint: Endpoint) -> Bool {
        guard endpoint == .sandbox else { return true }
        return cacheName == "sandbox" || EndpointPolicy.host(of: cacheName).map(EndpointPolicy.isLoopback) == true
    }

    static func key(_ signIn: CachedSignIn) -> String {
        [signIn.authority, signIn.tenant.lowercased(), signIn.clientId, signIn.user.lowercased()].joined(separator: "\u{1F}")
    }
}
