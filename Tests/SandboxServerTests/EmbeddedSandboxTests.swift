import Foundation
import SandboxCore
import SandboxServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct EmbeddedSandboxTests {
    func get(_ url: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue("Bearer any", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 30  // the whole suite runs beside it on two cores: a GET can wait its turn
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func startsOnAFreeLoopbackPortAnswersAndStops() async throws {
        let embedded = try await EmbeddedSandbox.start(store: MemoryReferralStore(), seedCount: 5)
        #expect(embedded.url.hasPrefix("http://127.0.0.1:"))
        #expect(try await get(embedded.url + "/v1.0/engagements/referrals/" + SandboxSeed.documentedId) == 200)
        #expect(await embedded.sandbox.log.all.count == 1)
        await embedded.stop()
        await #expect(throws: (any Error).self) { _ = try await get(embedded.url + "/openapi.json") }
    }

    @Test func twoEmbeddedSandboxesDoNotCollide() async throws {
        let a = try await EmbeddedSandbox.start(store: MemoryReferralStore(), seedCount: 1)
        let b = try await EmbeddedSandbox.start(store: MemoryReferralStore(), seedCount: 1)
        #expect(a.url != b.url)
        await a.stop()
        await b.stop()
    }
}
