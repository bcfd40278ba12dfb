import Foundation
import ReferralKit
import SandboxCore
import Synchronization

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

/// An API over a memory store, with helpers that speak HTTP-ish.
struct TestSandbox {
    let api: ReferralsAPI
    let store = MemoryReferralStore()
    static let base = "http://127.0.0.1:8123"

    init(token: String? = "secret") {
        api = ReferralsAPI(
            store: store, configuration: SandboxConfiguration(baseURL: Self.base, token: token),
            clock: TickingClock(), ids: CountingIdentifiers())
    }

    func send(
        _ method: String, _ path: String = "", query: [(String, String)] = [], headers: [(String, String)] = [],
        body: String? = nil, token: String? = "secret"
    ) async -> SandboxResponse {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return await api.handle(SandboxRequest(
            method: method, path: ReferralsAPI.collectionPath + path, query: query, headers: all,
            body: Array((body ?? "").utf8)))
    }

    /// Follows a nextLink the way a client must: verbatim.
    func follow(_ link: String) async -> SandboxResponse {
        let url = URLComponents(string: link)!
        let query = (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        return await api.handle(SandboxRequest(
            method: "GET", path: url.path, query: query, headers: [("Authorization", "Bearer secret")]))
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
                "customerProfile": ["name": .string("Customer \(i)"), "address": ["country": i % 5 == 0 ? "US" : "NO"],
                                    "team": [["email": .string("c\(i)@x.com")]]],
                "details": ["dealValue": .int(i * 100), "currency": "USD"],
                "team": [["email": i % 10 == 0 ? "sue@contoso.com" : "joe@contoso.com"]],
                "eTag": .string("\"etag-\(i)\""),
            ]
            await store.insert(referral, id: "r\(i)")
        }
    }

    static func createBody(_ extra: String = "") -> String {
        #"{"type": "Independent", "status": "New", "substatus": "Pending", "customerProfile": {"name": "Contoso", "address": {"country": "US"}, "team": []}, "consent": {"consentToContact": true}, "details": {"dealValue": 1000, "currency": "USD"}"# + extra + "}"
    }
}

extension SandboxResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    var code: String? { json?.objectValue?["code"]?.stringValue }
    var errorDescription: String? { json?.objectValue?["description"]?.stringValue }
}
