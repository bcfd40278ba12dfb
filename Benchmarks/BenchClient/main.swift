// The limit of the update workflow: the same requests refsh sends for each referral (GET, then
// PATCH with If-Match and Prefer: return=representation), in a tight sequential loop on one
// keep-alive connection, with no interpreter, validation or diff. scripts/bench compares refsh
// with it. Usage: bench-client BASE_URL TOKEN IDS_FILE
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@main
struct BenchClient {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4 else {
            FileHandle.standardError.write(Data("usage: bench-client BASE_URL TOKEN IDS_FILE\n".utf8))
            exit(2)
        }
        let (base, token) = (arguments[1] + "/v1.0/engagements/referrals/", arguments[2])
        let ids = try String(contentsOfFile: arguments[3], encoding: .utf8).split(separator: "\n").map(String.init)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let patch =
            #"[{"op":"replace","path":"/details/dealValue","value":50000},{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/substatus","value":"Won"},{"op":"replace","path":"/statusReason","value":"bench"}]"#
        let start = ContinuousClock.now
        var failures = 0
        for id in ids {
            var get = HTTPClientRequest(url: base + id)
            get.headers.add(name: "Authorization", value: "Bearer " + token)
            let got = try await client.execute(get, timeout: .seconds(30))
            let body = try await got.body.collect(upTo: 1 << 20)
            let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            let eTag = json?["eTag"] as? String ?? ""
            var write = HTTPClientRequest(url: base + id)
            write.method = .PATCH
            write.headers.add(name: "Authorization", value: "Bearer " + token)
            write.headers.add(name: "Content-Type", value: "application/json")
            write.headers.add(name: "If-Match", value: eTag)
            write.headers.add(name: "Prefer", value: "return=representation")
            write.body = .bytes(ByteBuffer(string: patch))
            let written = try await client.execute(write, timeout: .seconds(30))
            _ = try await written.body.collect(upTo: 1 << 20)
            if written.status != .ok { failures += 1 }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.3f", seconds), failures)
        try await client.shutdown()
    }
}
