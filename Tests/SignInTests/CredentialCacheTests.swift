import Foundation
import ReferralsWire
import Testing

@testable import SignIn

/// The token cache: private, whole, locked, and refused when it is not private or not sound.
@Suite struct CredentialCacheTests {
    let folder = NSTemporaryDirectory() + "refsh-cache-" + UUID().uuidString + "/state/refsh"
    var path: String { folder + "/credentials.json" }

    func entry(_ user: String, token: String = "refresh-token-of-some-length") -> CachedSignIn {
        CachedSignIn(
            authority: "https://login.microsoftonline.com", tenant: "contoso.onmicrosoft.com", clientId: "app", user: user,
            tenantId: "t-1", refreshToken: Secret(token), savedAt: 1)
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func entriesAreWrittenPrivatelyAndReadBack() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder + "/../..") }
        let cache = CredentialCache(path: path)
        let keeper = SecretKeeper()
        #expect(try cache.entries(keeper: keeper).isEmpty, "no file: no sign-ins")
        try await cache.update(keeper: keeper) { (entries: inout [CachedSignIn]) async throws(ServiceError) in
            entries.append(entry("ann@contoso.com"))
        }
        #expect(try mode(path) == 0o600)
        #expect(try mode(folder) == 0o700)
        let reader = SecretKeeper()
        let read = try cache.entries(keeper: reader)
        #expect(read == [entry("ann@contoso.com")])
        #expect(read.first?.matches(SignInProfile(tenant: "CONTOSO.onmicrosoft.com"), authority: "https://login.microsoftonline.com") == true)
        #expect(read.first?.matches(SignInProfile(clientId: "other"), authority: "https://login.microsoftonline.com") == false)
        #expect(reader.occurs(in: "refresh-token-of-some-length"), "what is read is remembered as a secret")
    }

    @Test func aCacheOthersCanReadIsRefusedAsSshRefusesSuchKeys() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder + "/../..") }
        let cache = CredentialCache(path: path)
        try await cache.update(keeper: SecretKeeper()) { (entries: inout [CachedSignIn]) async throws(ServiceError) in entries.append(entry("a@b.c"))
        }
        chmod(path, 0o644)
        do {
            _ = try cache.entries(keeper: SecretKeeper())
            Issue.record("should be refused")
        } catch {
            #expect(
                error.message
                    == "the token cache \(path) can be read or changed by other users (mode 644): run chmod 600 \(path), or remove it and sign in again"
            )
            #expect(error.kind == .rejected)
        }
    }

    @Test(arguments: [
        ("{not json", "is not valid JSON"), ("[1, 2]", "is not a refsh token cache"), ("", "is not valid JSON"),
        (#"{"version": 2, "signIns": []}"#, "was written by another version of refsh"),
        (#"{"version": 1, "signIns": [{"user": "a@b.c"}]}"#, "has an entry refsh cannot read (sign-in 1)"),
    ])
    func aCorruptedCacheIsRefusedAndKept(text: String, expected: String) async throws {
        defer { try? FileManager.default.removeItem(atPath: folder + "/../..") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        let cache = CredentialCache(path: path)
        do {
            try await cache.update(keeper: SecretKeeper()) { (entries: inout [CachedSignIn]) async throws(ServiceError) in
                entries.append(entry("x@y.z"))
            }
            Issue.record("should be refused")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.contains("remov"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "never overwritten")
    }

    /// Many writers at once (as several refsh processes refreshing): each change is kept.
    @Test func concurrentChangesUnderTheLockAreAllKept() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder + "/../..") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let cache = CredentialCache(path: path)  // a cache of its own, as another process has
                    try await cache.update(keeper: SecretKeeper()) { (entries: inout [CachedSignIn]) async throws(ServiceError) in
                        try? await Task.sleep(for: .milliseconds(5))  // read, wait, write: a lost update without the lock
                        entries.append(entry("user\(index)@contoso.com"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let users = Set(try CredentialCache(path: path).entries(keeper: SecretKeeper()).map(\.user))
        #expect(users.count == 16)
    }
}
