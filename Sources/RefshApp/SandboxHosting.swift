import Client
import Foundation
import ReferralsWire
import SandboxCore
import SandboxServer

/// How to reach a started embedded sandbox: its URL and the transport that gets there.
public struct SandboxConnection: Sendable {
    public var url: String
    /// Whether the sandbox's store was created just now (refsh says so once).
    public var created: Bool
    /// The bearer token the sandbox takes: drawn at random for this process, so no other local
    /// user or process can reach the user's sandbox data through its port.
    public var token: Secret
    /// The sandbox's identity side (Entra ID emulation), which signs in only with ``token``.
    public var identityURL: String?
    /// Makes a transport to the sandbox; whoever makes one shuts it down.
    public var makeTransport: @Sendable () -> any HTTPTransport
}

/// Runs the embedded sandbox: started once per process on first use.
public protocol SandboxHosting: Sendable {
    /// The SQLite file the sandbox keeps its referrals in.
    var storePath: String { get }
    /// Starts the sandbox (once) and says how to reach it.
    func start() async throws -> SandboxConnection
}

/// Where the embedded sandbox keeps its referrals: `$XDG_DATA_HOME/refsh/sandbox.sqlite`
/// (`~/.local/share/refsh/sandbox.sqlite` by default).
public func defaultSandboxStore(environment: [String: String]) -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/refsh/sandbox.sqlite" }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/refsh/sandbox.sqlite"
}

/// Opens (and on first use seeds) the sandbox's store; several refsh processes may race to seed
/// a new store, and the one that loses uses what the winner wrote.
func openSandboxStore(path: String, seedCount: Int) async throws -> (store: SQLiteReferralStore, created: Bool) {
    let created = !FileManager.default.fileExists(atPath: path)
    let store = try SQLiteReferralStore(path: path)
    do {
        try await SandboxSeed.fill(store, count: seedCount)
    } catch {
        guard ((try? await store.count()) ?? 0) > 0 else { throw error }
    }
    return (store, created)
}

/// A random bearer token for this process's embedded sandbox: 32 random bytes, hex.
let embeddedSandboxToken: String = {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in
        let word = generator.next() as UInt64
        let hex = String(word, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
}()
