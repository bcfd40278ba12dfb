import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReferralKit
import ReferralsWire
import SandboxCore
import SandboxServer
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Deterministic ids: id-1, id-2, ...
final class CountingIdentifiers: IdentifierSource {
    private let counter = Mutex(0)
    func next() -> String {
        counter.withLock { value in
            value += 1
            return "id-\(value)"
        }
    }
}

/// A clock that ticks one second per reading from 2024-01-01T00:00:00Z.
final class TickingClock: SandboxClock {
    private let seconds = Mutex(0)
    func now() -> String {
        seconds.withLock { value in
            value += 1
            let (m, s) = (value / 60, value % 60)
            return String(format: "2024-01-01T00:%02d:%02d.0000000Z", m, s)
        }
    }
}

/// How a scenario reaches the sandbox: straight into the API, through Hummingbird's router
/// in-process, or over a real socket with URLSession. Every scenario runs all three ways.
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case direct, router, live
    var description: String { rawValue }
}

/// An API over a memory store, with helpers that speak HTTP-ish.
struct TestSandbox: Sendable {
    let api: ReferralsAPI
    let store = MemoryReferralStore()
    static let base = "http://127.0.0.1:8123"
    private var client: (any TestClientProtocol)?
    private var livePort: Int?

    /// The scheme, host and port absolute links should carry on this transport (links follow the
    /// request's Host: the router test client sends "localhost", URLSession the real address).
    var expectedBase: String {
        if let livePort { return "http://127.0.0.1:\(livePort)" }
        return client == nil ? Self.base : "http://localhost"
    }

    init(token: String? = "secret", users: [(token: String, user: SandboxUser)] = []) {
        var configuration = SandboxConfiguration(baseURL: Self.base, token: token)
        configuration.users = users
        api = ReferralsAPI(store: store, configuration: configuration, clock: TickingClock(), ids: CountingIdentifiers())
    }

    /// Runs `body` once per transport, each time on a fresh sandbox (`REFSH_SANDBOX_TRANSPORT`
    /// narrows it to one, to tell which transport a failure came from).
    static func eachTransport(_ body: @escaping @Sendable (TestSandbox) async throws -> Void) async throws {
        let only = ProcessInfo.processInfo.environment["REFSH_SANDBOX_TRANSPORT"].flatMap(Transport.init(rawValue:))
        for transport in Transport.allCases where only == nil || only == transport {
            try await TestSandbox().run(transport, body)
        }
    }

    /// Runs `body` with this sandbox reachable through `transport`.
    func run(_ transport: Transport, _ body: @escaping @Sendable (TestSandbox) async throws -> Void) async throws {
        guard transport != .direct else { return try await body(self) }
        let app = SandboxServer.application(api: api)
        try await app.test(transport == .router ? .router : .live) { client in
            var connected = self
            connected.client = client
            connected.livePort = transport == .live ? client.port : nil
            try await body(connected)
        }
    }

    func send(
        _ method: String, _ path: String = "", query: [(String, String)] = [], headers: [(String, String)] = [],
        body: String? = nil, contentType: String? = "application/json", token: String? = "secret"
    ) async -> SandboxResponse {
        var all = headers
        if body != nil, let contentType, !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            all.append(("Content-Type", contentType))
        }
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return await deliver(
            SandboxRequest(
                method: method, path: ReferralsRoutes.collectionPath + path, query: query, headers: all,
                body: Array((body ?? "").utf8)))
    }

    /// Sends a request over the transport in use.
    func deliver(_ request: SandboxRequest) async -> SandboxResponse {
        let query = request.query.isEmpty ? "" : "?" + request.query.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
        let uri = request.path + query
        if let port = livePort { return await Self.overURLSession(port: port, uri: uri, request) }
        guard let client else { return await api.handle(request) }
        var fields = HTTPFields()
        for (name, value) in request.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        do {
            let response = try await client.executeRequest(
                uri: uri, method: HTTPRequest.Method(request.method) ?? .get, headers: fields,
                body: request.body.isEmpty ? nil : ByteBuffer(bytes: request.body))
            return SandboxResponse(
                status: response.status.code, headers: response.headers.map { ($0.name.rawName, $0.value) },
                body: Array(response.body.readableBytesView))
        } catch {
            return SandboxResponse(status: 0)
        }
    }

    private static func overURLSession(port: Int, uri: String, _ sandboxRequest: SandboxRequest) async -> SandboxResponse {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(uri)") else { return SandboxResponse(status: 0) }
        var request = URLRequest(url: url)
        request.httpMethod = sandboxRequest.method
        for (name, value) in sandboxRequest.headers { request.addValue(value, forHTTPHeaderField: name) }
        if !sandboxRequest.body.isEmpty { request.httpBody = Data(sandboxRequest.body) }
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else {
            return SandboxResponse(status: 0)
        }
        return SandboxResponse(
            status: http.statusCode, headers: http.allHeaderFields.map { ("\($0.key)", "\($0.value)") }, body: Array(data))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Follows a nextLink the way a client must: verbatim (its path and query, on this transport).
    func follow(_ link: String) async -> SandboxResponse {
        let url = URLComponents(string: link)!
        let query = (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        return await deliver(SandboxRequest(method: "GET", path: url.path, query: query, headers: [("Authorization", "Bearer secret")]))
    }

    /// Stores `count` referrals with varied fields: id r0…, status cycling New/Active/Closed.
    func seed(_ count: Int) async {
        let statuses: [(String, String)] = [("New", "Pending"), ("Active", "Accepted"), ("Closed", "Won")]
        for i in 0..<count {
            let (status, substatus) = statuses[i % 3]
            let referral: JSONValue = [
                "id": .string("r\(i)"), "engagementId": .string("e\(i % 7)"),
                "createdDateTime": .string(String(format: "2023-01-01T00:%02d:%02d.0000000Z", (i / 60) % 60, i % 60)),
                "updatedDateTime": .string(String(format: "2023-06-01T00:%02d:%02d.0000000Z", (599 - i) / 60 % 60, (599 - i) % 60)),
                "status": .string(status), "substatus": .string(substatus),
                "type": i % 2 == 0 ? "Independent" : "Shared", "direction": i % 4 == 0 ? "Outgoing" : "Incoming",
                "customerProfile": [
                    "name": .string("Customer \(i)"), "address": ["country": i % 5 == 0 ? "US" : "NO"],
                    "team": [["email": .string("c\(i)@x.com")]],
                ],
                "consent": ["consentToContact": true],
                "details": ["dealValue": .int(i * 100), "currency": "USD"],
                "team": [["email": i % 10 == 0 ? "sue@contoso.com" : "joe@contoso.com"]],
                "eTag": .string("\"etag-\(i)\""),
            ]
            await store.insert(referral, id: "r\(i)")
        }
    }

    static func createBody(_ extra: String = "") -> String {
        #"{"type": "Independent", "status": "New", "substatus": "Pending", "customerProfile": {"name": "Contoso", "address": {"country": "US"}, "team": []}, "consent": {"consentToContact": true}, "details": {"dealValue": 1000, "currency": "USD"}"#
            + extra + "}"
    }
}

extension SandboxResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The referrals error body's `error` object.
    var error: JSONObject? { json?.objectValue?["error"]?.objectValue }
    /// The documented code (`itemNotFound`, `invalidRequest`, ...).
    var code: String? { error?["code"]?.stringValue }
    /// The sandbox's own code, in `innerError` (`InvalidPatch`, `InvalidTransition`, ...).
    var innerCode: String? { error?["innerError"]?.objectValue?["code"]?.stringValue }
    /// The field or header the error names.
    var target: String? { error?["target"]?.stringValue }
    var errorDescription: String? { error?["message"]?.stringValue }
}
