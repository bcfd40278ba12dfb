import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReferralKit
import SandboxCore
import SandboxServer
import Testing

/// Dropped connections are real: the client gets no answer, and drop-after has committed.
@Suite struct FaultServerTests {
    @Test func dropAfterWriteClosesTheConnectionButTheWriteLanded() async throws {
        let store = MemoryReferralStore()
        try await SandboxSeed.fill(store, count: 0)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://x", token: "t"))
        let sandbox = Sandbox(api: api, faults: FaultInjector(rules: try FaultRule.parse("drop-after@next1")))
        let app = SandboxServer.application(sandbox: sandbox)
        try await app.test(.live) { client in
            let path = "/v1.0/engagements/referrals/\(SandboxSeed.documentedId)"
            var headers: HTTPFields = [.authorization: "Bearer t", .contentType: "application/json"]
            headers[.ifMatch] = "\"2500ec5a-0000-0000-0000-5bf4967d0000\""
            let patch = ByteBuffer(string: #"[{"op":"replace","path":"/statusReason","value":"landed"}]"#)
            await #expect(throws: (any Error).self) {
                _ = try await client.execute(uri: path, method: .patch, headers: headers, body: patch)
            }
        }
        #expect(await store.referral(id: SandboxSeed.documentedId)?.objectValue?["statusReason"] == "landed")
        let log = await sandbox.log.all
        #expect(log.last?.fault == "drop-after")
    }
}
