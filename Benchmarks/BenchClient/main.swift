// The limit of the update workflow: the same requests refsh sends for each referral (GET, then
// PATCH with If-Match and Prefer: return=representation), with the same headers (a fresh
// MS-RequestId each, the run's MS-CorrelationId, MS-Contract-Version, Accept, X-Locale, a
// User-Agent), in a tight loop with no interpreter, validation or diff: on one keep-alive
// connection, or on CONNECTIONS of them, each worker taking the next id (the raw loop
// scripts/bench-bulk compares `for --jobs 8` with). scripts/bench compares refsh with it.
// Usage: bench-client BASE_URL TOKEN IDS_FILE [CONNECTIONS]
import AsyncHTTPClient
import Client
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

@main
struct BenchClient {
    static let patch =
        #"[{"op":"replace","path":"/details/dealValue","value":50000},{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/substatus","value":"Won"},{"op":"replace","path":"/statusReason","value":"bench"}]"#

    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4 || arguments.count == 5, let connections = Int(arguments.count == 5 ? arguments[4] : "1"), connections > 0
        else {
            FileHandle.standardError.write(Data("usage: bench-client BASE_URL TOKEN IDS_FILE [CONNECTIONS]\n".utf8))
            exit(2)
        }
        let (base, token) = (arguments[1] + "/v1.0/engagements/referrals/", arguments[2])
        let ids = try String(contentsOfFile: arguments[3], encoding: .utf8).split(separator: "\n").map(String.init)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let next = NextIndex()
        let start = ContinuousClock.now
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var failures = 0
                    while true {
                        let index = next.take()
                        guard index < ids.count else { return failures }
                        if try await !update(ids[index], base: base, token: token, client: client) { failures += 1 }
                    }
                }
            }
            var total = 0
            for try await failed in group { total += failed }
            return total
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.3f", seconds), failures)
        try await client.shutdown()
    }

    /// The run's correlation id, as a refsh session has one.
    static let correlationId = RequestIdentifier.random()

    /// The headers refsh sends with every request (ReferralsClient.headers), and the token.
    static func headers(token: String) -> HTTPHeaders {
        [
            "Authorization": "Bearer " + token, "Accept": "application/json", "MS-RequestId": RequestIdentifier.random(),
            "MS-CorrelationId": correlationId,
            "MS-Contract-Version": "v1", "X-Locale": "en-US", "User-Agent": "bench-client/1.0",
        ]
    }

    /// GET, then PATCH with the eTag; whether the write succeeded.
    static func update(_ id: String, base: String, token: String, client: HTTPClient) async throws -> Bool {
        var get = HTTPClientRequest(url: base + id)
        get.headers = headers(token: token)
        let got = try await client.execute(get, timeout: .seconds(30))
        let body = try await got.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        let eTag = json?["eTag"] as? String ?? ""
        var write = HTTPClientRequest(url: base + id)
        write.method = .PATCH
        write.headers = headers(token: token)
        write.headers.add(name: "Content-Type", value: "application/json")
        write.headers.add(name: "If-Match", value: eTag)
        write.headers.add(name: "Prefer", value: "return=representation")
        write.body = .bytes(ByteBuffer(string: patch))
        let written = try await client.execute(write, timeout: .seconds(30))
        _ = try await written.body.collect(upTo: 1 << 20)
        return written.status == .ok
    }
}

/// The next id to update, shared by the workers.
final class NextIndex: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
