import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReferralKit
import SandboxCore
import SandboxServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Dropped connections are real: the client gets no answer, and drop-after has committed.
@Suite struct FaultServerTests {
    @Test func dropAfterWriteClosesTheConnectionButTheWriteLanded() async throws {
        let store = MemoryReferralStore()
        try await SandboxSeed.fill(store, count: 0)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://x", token: "t"))
        let sandbox = Sandbox(api: api, faults: FaultInjector(rules: try FaultRule.parse("drop-after@next1")))
        let app = SandboxServer.application(sandbox: sandbox)
        // URLSession, not HummingbirdTesting's client: that one sometimes waits forever for an
        // answer on a connection the server has closed (seen hanging a CI run).
        try await app.test(.live) { client in
            let url = try #require(URL(string: "http://127.0.0.1:\(client.port ?? 0)/v1.0/engagements/referrals/\(SandboxSeed.documentedId)"))
            var request = URLRequest(url: url, timeoutInterval: 20)
            request.httpMethod = "PATCH"
            request.setValue("Bearer t", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("\"2500ec5a-0000-0000-0000-5bf4967d0000\"", forHTTPHeaderField: "If-Match")
            request.httpBody = Data(#"[{"op":"replace","path":"/statusReason","value":"landed"}]"#.utf8)
            await #expect(throws: (any Error).self) {
                _ = try await URLSession.shared.data(for: request)
            }
        }
        #expect(await store.referral(id: SandboxSeed.documentedId)?.objectValue?["statusReason"] == "landed")
        let log = await sandbox.log.all
        #expect(log.last?.fault == "drop-after")
    }
}
