import Foundation
import GRDB
import ReferralKit
import SandboxCore

/// Referrals in a SQLite file (GRDB, WAL). Every ``update(id:_:)`` is one write transaction:
/// the check of the eTag and the write cannot interleave with another writer, and a write that
/// was answered 2xx is committed to the WAL, so it survives `kill -9` of the server.
public final class SQLiteReferralStore: ReferralStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and applies migrations.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            // Private: the user's referral data (0700), the file 0600; SQLite gives its -wal and
            // -shm files the database file's mode.
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var configuration = Configuration()
        // Several refsh processes may share one file (each embeds a sandbox): wait for the
        // other's write transaction instead of failing with SQLITE_BUSY.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // NORMAL in WAL mode: a committed transaction survives a process crash; only a power
            // loss may drop the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        do {
            try Self.migrator.migrate(pool)
        } catch {
            // Another process creating the same new store migrated it at the same moment (the
            // migrator reads what is applied before it locks): what it wrote is now there.
            try Self.migrator.migrate(pool)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: referrals as JSON text in insertion order") { db in
            try db.execute(
                sql: """
                    CREATE TABLE referral (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        json TEXT NOT NULL
                    )
                    """)
        }
        // Triggers, not code: a write by any process sharing the file (an older refsh too) counts.
        migrator.registerMigration("v2: a revision that every change of the referrals bumps") { db in
            try db.execute(
                sql: """
                    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
                    INSERT INTO revision (id, n) VALUES (1, 0);
                    CREATE TRIGGER referral_inserted AFTER INSERT ON referral BEGIN UPDATE revision SET n = n + 1; END;
                    CREATE TRIGGER referral_updated AFTER UPDATE ON referral BEGIN UPDATE revision SET n = n + 1; END;
                    CREATE TRIGGER referral_deleted AFTER DELETE ON referral BEGIN UPDATE revision SET n = n + 1; END;
                    """)
        }
        return migrator
    }

    public func referral(id: String) async throws -> JSONValue? {
        let text = try await pool.read { db in try String.fetchOne(db, sql: "SELECT json FROM referral WHERE id = ?", arguments: [id]) }
        return try text.map { try JSONParser.parse($0) }
    }

    public func all() async throws -> [JSONValue] {
        let texts = try await pool.read { db in try String.fetchAll(db, sql: "SELECT json FROM referral ORDER BY seq") }
        return try texts.map { try JSONParser.parse($0) }
    }

    /// One write transaction that checks emptiness and inserts everything, so two processes
    /// seeding one new file cannot interleave (the second waits, then finds it seeded).
    public func seedIfEmpty(_ referrals: [(id: String, referral: JSONValue)]) async throws {
        let rows = referrals.map { ($0.id, JSONPrinter.compact.print($0.referral)) }
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral") == 0 else { return }
            for (id, text) in rows {
                try db.execute(sql: "INSERT INTO referral (id, json) VALUES (?, ?)", arguments: [id, text])
            }
        }
    }

    public func insert(_ referral: JSONValue, id: String) async throws {
        let text = JSONPrinter.compact.print(referral)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO referral (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                arguments: [id, text])
        }
    }

    public func update(id: String, _ body: @Sendable (JSONValue) throws(APIError) -> JSONValue) async throws -> JSONValue {
        try await pool.write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT json FROM referral WHERE id = ?", arguments: [id]) else {
                throw APIError(404, "NotFound", "no referral with id \(id)")
            }
            let next = try body(try JSONParser.parse(text))
            try db.execute(sql: "UPDATE referral SET json = ? WHERE id = ?", arguments: [JSONPrinter.compact.print(next), id])
            return next
        }
    }

    public func revision() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT n FROM revision") ?? 0 }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral") ?? 0 }
    }

    public func removeAll() async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM referral") }
    }
}
