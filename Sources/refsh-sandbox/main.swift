import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ReferralsWire
import SandboxCore
import SandboxServer
import ServiceLifecycle
import Synchronization

/// `refsh-sandbox`: the embedded Referrals API sandbox as a standalone server.
@main
struct RefshSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refsh-sandbox",
        abstract: "A local emulator of the Partner Center Referrals API.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)
}

/// `refsh-sandbox serve`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the sandbox over HTTP until SIGINT or SIGTERM.",
        discussion: "Binds to loopback by default. With --db, referrals live in that SQLite file (seeded when empty); without it, in memory.")

    @Option(help: "Address to bind; anything but loopback exposes the sandbox to the network.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one (printed on start).")
    var port = 8123

    @Option(help: "How many generated referrals to seed, besides the documentation's example.")
    var seed = 300

    @Option(help: "Require exactly this bearer token (default: any non-empty token).")
    var token: String?

    @Option(help: ArgumentHelp("Keep referrals in this SQLite file (created and seeded when new).", valueName: "file"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "Inject faults: EFFECT@WHEN,… with EFFECT latency:MS, 401, 403, 408, 409, 429[:S], 500, 502, 503, 504, drop-before, drop-after and WHEN a rate (0.1) or nextN.",
            valueName: "spec"))
    var faults: String?

    @Option(
        name: .customLong("rate-limit"),
        help: ArgumentHelp(
            "Throttle each caller (the user a token names, else the token) to this many requests a second (a token bucket): beyond it, the documented 429 with Retry-After.",
            valueName: "n"))
    var rateLimit: Int?

    @Option(
        name: .customLong("error-shape"),
        help: ArgumentHelp(
            "Error bodies: referrals ({\"error\": {code, message, target, innerError}}, the service's own) or partner-center ({code, description, data, source}).",
            valueName: "shape"))
    var errorShape = "referrals"

    @Option(
        name: .customLong("clock-offset"),
        help: ArgumentHelp(
            "Run the clock this far from real time (+15d, -2h, 30m): New referrals expire 14 days after they start; PUT /_sandbox/clock moves it later.",
            valueName: "shift"))
    var clockOffset: String?

    @Option(
        name: .customLong("user"),
        help: ArgumentHelp(
            "A user of the sandbox (repeatable, each with a --role); its bearer token is its email, a JWT naming it, or --token for the first.",
            valueName: "email"))
    var users: [String] = []

    @Option(
        name: .customLong("role"),
        help: ArgumentHelp("The role of the --user before: ReferralAdmin, ReferralUser, or none (403 for everything).", valueName: "role"))
    var roles: [String] = []

    // Unconditional: the documented `-1` would otherwise be taken for an option.
    @Option(
        name: .customLong("identity-port"), parsing: .unconditional,
        help: ArgumentHelp(
            "Port of the Entra ID emulation (device-code sign-in, token refresh): default the API's port + 1 (a free one with --port 0); 0 picks a free one, -1 turns it off.",
            valueName: "port"))
    var identityPortOption: Int?

    /// The identity side's port: as given, else next to the API's.
    var identityPort: Int { identityPortOption ?? (port == 0 ? 0 : min(port + 1, 65535)) }

    @Option(
        name: .customLong("token-lifetime"),
        help: ArgumentHelp(
            "Lifetime of the access and id tokens the sign-in issues, in seconds (short ones make expiry testable).", valueName: "seconds"))
    var tokenLifetime = 3600

    @Option(
        name: .customLong("device-interval"),
        help: ArgumentHelp("The polling interval a device-code sign-in is told to keep, in seconds.", valueName: "seconds"))
    var deviceInterval = 5

    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp(
            "Close a connection that sends nothing for this long, in seconds, between requests or inside one (default 130, as Kestrel).",
            valueName: "seconds"))
    var idleTimeout = Int(SandboxServer.idleTimeoutSeconds)

    func validate() throws {
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1…3600 seconds") }
        guard (-1...65535).contains(identityPortOption ?? 0) else { throw ValidationError("--identity-port must be -1…65535") }
        guard (1...86_400).contains(tokenLifetime) else { throw ValidationError("--token-lifetime must be 1…86400 seconds") }
        guard (0...60).contains(deviceInterval) else { throw ValidationError("--device-interval must be 0…60 seconds") }
        guard users.count == roles.count else { throw ValidationError("give each --user its --role (\(users.count) users, \(roles.count) roles)") }
        for role in roles where role != "none" && ReferralRole(rawValue: role) == nil {
            throw ValidationError("--role must be ReferralAdmin, ReferralUser or none, not '\(role)'")
        }
        if let clockOffset, SandboxTime.shift(clockOffset) == nil {
            throw ValidationError("--clock-offset takes a shift such as +15d, -2h or 30m, not '\(clockOffset)'")
        }
        if let shift = clockOffset.flatMap(SandboxTime.shift), !SandboxTime.writableRange.contains(Date().timeIntervalSince1970 + shift) {
            throw ValidationError("--clock-offset \(clockOffset ?? ""): the clock would leave the years 0001 to 9999, which dates are written in")
        }
        guard ErrorBody.Shape(rawValue: errorShape) != nil else {
            throw ValidationError("--error-shape must be referrals or partner-center, not '\(errorShape)'")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard seed >= 0 else { throw ValidationError("--seed must be 0 or more") }
        if let rateLimit, !(1...1_000_000).contains(rateLimit) { throw ValidationError("--rate-limit takes 1 to 1000000 requests a second") }
        if let faults {
            do { _ = try FaultRule.parse(faults) } catch { throw ValidationError("--faults: \(error.message)") }
        }
    }

    func run() async throws {
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            FileHandle.standardError.write(Data("refsh-sandbox: warning: binding \(host) exposes the sandbox beyond this machine\n".utf8))
        }
        let store: any ReferralStore
        do {
            store = try db.map { try SQLiteReferralStore(path: $0) } ?? MemoryReferralStore()
        } catch {
            // SQLite's own words name no file.
            throw StartFailure(description: "--db \(db ?? ""): cannot open it as a database (\(error))")
        }
        let stored = try await SandboxSeed.fill(store, count: seed)
        var configuration = SandboxConfiguration(baseURL: "http://\(host):\(port)", token: token)
        configuration.errorShape = ErrorBody.Shape(rawValue: errorShape) ?? .referrals
        configuration.users = zip(users, roles).enumerated().map { index, pair in
            (token: index == 0 ? (token ?? pair.0) : pair.0, user: SandboxUser(email: pair.0, role: ReferralRole(rawValue: pair.1)))
        }
        let clock = SystemClock(offsetSeconds: clockOffset.flatMap(SandboxTime.shift) ?? 0)
        // With --db the signing key lives next to the store, so sign-ins outlive a restart.
        let signer = db.map { IdentityKeyFile.signer(at: $0 + ".identity-key") } ?? SandboxJWT()
        if identityPort >= 0 { configuration.tokenSigner = signer }
        let api = ReferralsAPI(store: store, configuration: configuration, clock: clock)
        let chosenHost = host
        let rules = try faults.map { (spec) throws -> [FaultRule] in try FaultRule.parse(spec) } ?? []
        var identityConfiguration = IdentityConfiguration()
        identityConfiguration.tokenLifetimeSeconds = tokenLifetime
        identityConfiguration.pollIntervalSeconds = deviceInterval
        identityConfiguration.directory = configuration.users.map(\.user)
        let identity = identityPort >= 0 ? IdentityProvider(configuration: identityConfiguration, signer: signer, clock: clock) : nil
        let sandbox = Sandbox(
            api: api, faults: FaultInjector(rules: rules), seedCount: seed, identity: identity, rateLimit: RateLimiter(perSecond: rateLimit))
        // The sign-in line names both addresses, so it is printed once both servers listen.
        let signInShown = Mutex(false)
        let showSignIn = { @Sendable in
            guard let endpoint = api.bound.url, let authority = identity?.bound.url,
                signInShown.withLock({ shown in
                    defer { shown = true }; return !shown
                })
            else { return }
            // A command that works as printed: this sandbox's endpoint, and a client id (only the
            // embedded sandbox fills one in by itself).
            let line =
                "refsh-sandbox identity (Entra ID sign-in) on \(authority): refsh --endpoint \(endpoint) -c 'login --authority \(authority) --client-id refsh'\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        let app = SandboxServer.application(sandbox: sandbox, host: host, port: port, idleTimeoutSeconds: Int64(idleTimeout)) { bound in
            api.bound.set("http://\(chosenHost):\(bound)")
            let line = "refsh-sandbox listening on http://\(chosenHost):\(bound) (\(stored) referrals)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            showSignIn()
        }
        var services: [any Service] = [app]
        if let identity {
            services.append(
                SandboxServer.identityApplication(sandbox: sandbox, host: host, port: identityPort, idleTimeoutSeconds: Int64(idleTimeout)) {
                    bound in
                    identity.bound.set("http://\(chosenHost):\(bound)")
                    showSignIn()
                })
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "refsh-sandbox")))
        try await group.run()
    }
}

/// Why the sandbox cannot start, in one line (ArgumentParser prints it and exits 1).
struct StartFailure: Error, CustomStringConvertible {
    let description: String
}
