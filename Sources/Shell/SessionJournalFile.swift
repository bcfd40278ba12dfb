import Foundation
import RefScript
import ReferralKit
import SafeFiles

#if canImport(Glibc)
import Glibc
#endif

/// The journal of one running session: `<id>.json` in the sessions folder, written whole (a
/// temporary file, fsync, rename) with mode 0600, beside `<id>.lock`, which the process holds
/// an `flock` on while it lives. A journal whose lock nobody holds belongs to a session that
/// ended without finishing (`kill -9`, a power cut): `refsh --resume` takes it up.
public final class SessionJournalFile: SessionJournal {
    public let directory: String
    public let id: String
    private var lock: Int32 = -1
    private var lastWrite: ContinuousClock.Instant?
    /// How long a script's changes may gather before they are written.
    public static let scriptInterval = Duration.milliseconds(200)

    /// A journal for a new session (nothing is written until the session has unsent edits).
    public init(directory: String, id: String = SessionJournalFile.newId()) {
        self.directory = directory
        self.id = id
    }

    /// Takes over the journal `id` of a session that ended; fails when a live refsh holds it.
    public init(adopting id: String, in directory: String) throws(FileError) {
        self.directory = directory
        self.id = id
        try acquireLock()
    }

    deinit { if lock >= 0 { close(lock) } }

    public var path: String { directory + "/" + id + ".json" }
    var lockPath: String { directory + "/" + id + ".lock" }

    /// `20261203-140506-0012345-0a1b2c3d` (time, process id, a random number): sorts by time,
    /// unique per process, and of one length, so that the list of unfinished sessions lines up.
    public static func newId() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        func padded(_ text: String, _ width: Int) -> String { String(repeating: "0", count: max(0, width - text.count)) + text }
        // Linux process ids have at most 7 digits (pid_max is at most 2^22).
        return formatter.string(from: Date()) + "-" + padded(String(getpid()), 7) + "-"
            + padded(String(UInt32.random(in: 0...UInt32.max), radix: 16), 8)
    }

    /// `$XDG_STATE_HOME/refsh/sessions`, else `~/.local/state/refsh/sessions`.
    public static func directory(environment: [String: String]) -> String? {
        StateFolder.path { environment[$0] }.map { $0 + "/sessions" }
    }

    public func isDue() -> Bool {
        lastWrite.map { ContinuousClock.now - $0 >= Self.scriptInterval } ?? true
    }

    public func keep(_ snapshot: JSONValue) throws(FileError) {
        lastWrite = ContinuousClock.now
        try makeDirectory()
        if lock < 0 { try acquireLock() }
        var object = snapshot.objectValue ?? JSONObject()
        object["id"] = .string(id)
        object["time"] = .int(Int(Date().timeIntervalSince1970))
        object["pid"] = .int(Int(getpid()))
        do {
            try SafeFileWriter.write(JSONPrinter.compact.bytes(.object(object)) + [0x0A], to: path)
        } catch {
            throw FileError(error.message)
        }
    }

    public func discard() {
        unlink(path)
        if lock >= 0 {
            unlink(lockPath)
            close(lock)
            lock = -1
        }
    }

    private func makeDirectory() throws(FileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileError("cannot create \(directory): \(error.localizedDescription)")
        }
    }

    private func acquireLock() throws(FileError) {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError("cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw FileError("session \(id) is in use by another refsh")
        }
        lock = descriptor
    }
}
