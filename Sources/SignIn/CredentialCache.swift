import Foundation
import ReferralKit
import ReferralsWire
import SafeFiles

#if canImport(Glibc)
import Glibc
#endif

/// The token cache, `$XDG_STATE_HOME/refsh/credentials.json`: one entry per authority, tenant,
/// application and user. Written whole (temporary file, fsync, rename) with mode 0600 in a 0700
/// folder; a file that group or others may read is refused, as ssh refuses such keys; changes
/// happen under an exclusive lock, so two refsh processes refreshing at once do not corrupt it.
public struct CredentialCache: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/refsh/credentials.json` (`~/.local/state/refsh/credentials.json`).
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/refsh/credentials.json" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/refsh/credentials.json"
    }

    /// The entries, `keeper` remembering their refresh tokens; none when the file does not exist.
    public func entries(keeper: SecretKeeper) throws(ServiceError) -> [CachedSignIn] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw refusal("cannot be read (\(String(cString: strerror(errno)).lowercased()))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw refusal("is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw refusal(
                "can be read or changed by other users (mode \(String(info.st_mode & 0o777, radix: 8))): run chmod 600 \(path), or remove it and sign in again"
            )
        }
        guard info.st_size <= 4 << 20, let data = FileManager.default.contents(atPath: path) else {
            throw refusal(info.st_size > 4 << 20 ? "is larger than 4 MiB" : "cannot be read")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: Array(data))
        } catch {
            throw refusal("is not valid JSON (\(error.message)): remove it and sign in again")
        }
        guard let list = value.objectValue?["signIns"]?.arrayValue else {
            throw refusal("is not a refsh token cache (no \"signIns\" list): remove it and sign in again")
        }
        if let version = value.objectValue?["version"], version != .int(1) {
            throw refusal(
                "was written by another version of refsh (version \(JSONPrinter.compact.print(version).prefix(20))): sign in again after removing it")
        }
        // An entry refsh cannot read is refused, not dropped: the next write would lose it.
        var entries: [CachedSignIn] = []
        for (index, item) in list.enumerated() {
            guard let entry = CachedSignIn(json: item) else {
                throw refusal("has an entry refsh cannot read (sign-in \(index + 1)): remove it and sign in again")
            }
            entries.append(entry)
        }
        for entry in entries { keeper.remember(entry.refreshToken) }
        return entries
    }

    /// Runs `change` on the entries under the cache's lock and writes the result (when it
    /// differs) before the lock is released. `change` may wait (a refresh over the network).
    public func update<T: Sendable>(
        keeper: SecretKeeper, _ change: (inout [CachedSignIn]) async throws(ServiceError) -> T
    ) async throws(ServiceError) -> T {
        try createFolder()
        let lock = try await CacheLock.acquire(path + ".lock")
        defer { lock.release() }
        var entries = try self.entries(keeper: keeper)
        let before = entries
        let result = try await change(&entries)
        if entries != before { try write(entries) }
        return result
    }

    private func write(_ entries: [CachedSignIn]) throws(ServiceError) {
        let document: JSONValue = ["version": 1, "signIns": .array(entries.map(\.json))]
        do {
            try SafeFileWriter.write(Array((JSONPrinter.pretty.print(document) + "\n").utf8), to: path, mode: 0o600)
            _ = chmod(path, 0o600)
        } catch {
            throw refusal("could not be written: \(error.message)")
        }
    }

    /// Makes the cache's folder (0700) when it is missing.
    private func createFolder() throws(ServiceError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            _ = chmod(folder, 0o700)  // refsh's own folder: private even if something made it looser
        } catch {
            throw refusal("has no folder: \(folder) cannot be created")
        }
    }

    func refusal(_ why: String) -> ServiceError {
        ServiceError(.rejected, "the token cache \(path) \(why)", origin: .client)
    }
}

/// An exclusive `flock` on the cache's lock file, waited for without blocking a thread.
struct CacheLock {
    let descriptor: Int32

    static func acquire(_ path: String) async throws(ServiceError) -> CacheLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ServiceError(.rejected, "the token cache's lock \(path) cannot be opened", origin: .client)
        }
        for _ in 0..<1200 {  // 60 s: longer than any refresh holds it
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return CacheLock(descriptor: descriptor) }
            do {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                close(descriptor)
                throw ServiceError(.cancelled, "cancelled while waiting for the token cache's lock", origin: .client)
            }
        }
        close(descriptor)
        throw ServiceError(.rejected, "the token cache is locked by another refsh process (\(path)); try again", origin: .client)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
