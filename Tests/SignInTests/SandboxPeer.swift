import Client
import Foundation
import ReferralKit
import ReferralsWire
import SandboxCore
import Synchronization

@testable import SignIn

/// The sandbox as the peer of the sign-in code: its identity side and its API, reached through
/// a transport that hands requests to them in this process (the transport seam).
struct SandboxPeer: HTTPTransport {
    static let api = "http://127.0.0.1:9"
    static let identity = "http://127.0.0.1:10"
    let sandbox: Sandbox
    let clock: SystemClock

    /// `users`: the organization's users and roles (`refsh-sandbox serve --user … --role …`).
    init(tokenLifetime: Int = 3600, pollInterval: Int = 1, users: [SandboxUser] = []) {
        clock = SystemClock()
        let signer = SandboxJWT()
        var configuration = SandboxConfiguration(baseURL: Self.api, token: "static")
        configuration.tokenSigner = signer
        configuration.users = users.map { (token: $0.email, user: $0) }
        var identity = IdentityConfiguration()
        identity.tokenLifetimeSeconds = tokenLifetime
        identity.pollIntervalSeconds = pollInterval
        identity.directory = users
        let provider = IdentityProvider(configuration: identity, signer: signer, clock: clock)
        provider.bound.set(Self.identity)
        sandbox = Sandbox(
            api: ReferralsAPI(store: MemoryReferralStore(), configuration: configuration, clock: clock), seedCount: 0, identity: provider)
    }

    var endpoint: IdentityEndpoint {
        IdentityEndpoint(authority: Self.identity, tenant: "contoso.onmicrosoft.com", clientId: "app-1", scope: SignInProfile.defaultScope)
    }

    func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        guard let url = AbsoluteURL(request.url) else { throw TransportFailure(mayHaveBeenProcessed: false, "bad URL") }
        let target = url.pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let incoming = SandboxRequest(
            method: request.method, path: PercentEncoding.decode(String(target[0])),
            query: target.count > 1 ? PercentEncoding.queryItems(String(target[1])) : [],
            headers: request.headers.map { ($0.name, $0.value) }, body: request.body ?? [])
        let outcome = url.origin == Self.identity ? await sandbox.handleIdentity(incoming) : await sandbox.handle(incoming)
        return HTTPResponseData(
            status: outcome.response.status, headers: outcome.response.headers.map { ($0.name, $0.value) }, body: outcome.response.body)
    }

    func shutdown() async {}

    /// What the person at the device page does: `user_code=…&user=…` and more form fields.
    @discardableResult
    func decide(_ userCode: String, _ fields: [(String, String)]) async -> Int {
        let form = ([("user_code", userCode)] + fields).map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        let request = SandboxRequest(
            method: "POST", path: "/device", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8))
        return await sandbox.handleIdentity(request).response.status
    }

    func client(keeper: SecretKeeper) -> IdentityClient { IdentityClient(makeTransport: { self }, keeper: keeper) }
}

/// A sleeper that records each wait and runs the test's step for it (approve, deny, …), so a
/// device-code flow runs without waiting.
final class SteppingSleeper: Sleeper {
    private let state = Mutex<[Double]>([])
    let step: @Sendable (Int) async -> Void
    init(step: @escaping @Sendable (Int) async -> Void) { self.step = step }
    var waits: [Double] { state.withLock { $0 } }
    func sleep(seconds: Double) async {
        let count = state.withLock { waits in
            waits.append(seconds)
            return waits.count
        }
        await step(count)
    }
}

/// A clock the test moves.
final class TestTime: Sendable {
    private let value = Mutex(1_800_000_000.0)
    var now: Double { value.withLock { $0 } }
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
    var reader: @Sendable () -> Double { { self.now } }
}

/// Takes the user code from the instructions line refsh prints.
func userCode(in line: String) -> String? {
    guard let range = line.range(of: "enter the code ") else { return nil }
    return String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber })
}

/// The lines a flow told the user.
final class Told: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    var code: String { all.lazy.compactMap(userCode(in:)).first ?? "" }
}
