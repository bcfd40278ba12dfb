import Foundation
import ReferralsWire
import RefshApp
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The embedded sandbox is private to its refsh process: only the random token of this process
/// opens it, and its files are the user's alone.
@Suite struct PrivateSandboxTests {
    func status(_ url: String, token: String?) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: url + "/v1.0/engagements/referrals?$top=1")))
        if let token { request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func onlyThisProcessTokenOpensItAndItsFilesArePrivate() async throws {
        let directory = NSTemporaryDirectory() + "refsh-private-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = directory + "/data/refsh/sandbox.sqlite"
        let host = LoopbackSandboxHost(storePath: store, seedCount: 2)
        let connection = try await host.start()
        let token = connection.token.reveal()
        #expect(token.count == 64, "32 random bytes")
        #expect(try await status(connection.url, token: token) == 200)
        #expect(try await status(connection.url, token: "anything") == 401, "another local process cannot get in")
        #expect(try await status(connection.url, token: nil) == 401)

        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(store) == 0o600)
        #expect(try mode(store + ".identity-key") == 0o600, "the key that signs sign-in tokens is private too")
        // Its identity side signs in only this process: another cannot start a sign-in.
        let identity = try #require(connection.identityURL)
        var start = URLRequest(url: try #require(URL(string: identity + "/organizations/oauth2/v2.0/devicecode")))
        start.httpMethod = "POST"
        start.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        start.httpBody = Data("client_id=x&scope=https%3A%2F%2Fapi.partner.microsoft.com%2F.default".utf8)
        let (_, refused) = try await URLSession.shared.data(for: start)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)
        start.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        let (_, accepted) = try await URLSession.shared.data(for: start)
        #expect((accepted as? HTTPURLResponse)?.statusCode == 200)
        #expect(try mode(directory + "/data/refsh") == 0o700)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: store + suffix) {
            #expect(try mode(store + suffix) == 0o600, "\(suffix)")
        }
    }
}
