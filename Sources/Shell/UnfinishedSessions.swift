import Foundation
import RefScript
import ReferralKit
import SafeFiles

#if canImport(Glibc)
import Glibc
#endif

/// The journals in the sessions folder whose refsh is gone (no process holds their lock):
/// sessions a crash ended with edits unsent, newest first. A journal that cannot be read is
/// listed as such and left where it is.
public struct UnfinishedSessions {
    /// What a journal's session was editing, in words: its referral (`named` spells the id),
    /// with the file it was opened from, if any; else that file; else a referral not yet created.
    public static func subject(of snapshot: JSONObject, named: (String) -> String) -> String {
        let file = snapshot["file"]?.stringValue
        guard let id = snapshot["referral"]?.stringValue else { return file.map { "file " + $0 } ?? "a referral not yet created" }
        return named(id) + (file.map { " (from file \($0))" } ?? "")
    }

    /// One unfinished session.
    public struct Entry: Sendable {
        public var id: String
        public var path: String
        /// The journal, or why it cannot be read.
        public var snapshot: Result<JSONValue, FileError>
        /// Seconds since 1970 of the last change.
        public var time: Int

        /// `2026-12-03 14:05 UTC  49d90c72-…  3 unsent changes  (script deals.refscript, line 12)`.
        public var summary: String {
            let when = Self.formatted(time)
            switch snapshot {
            case .failure(let error): return "\(id)  \(when)  cannot be read: \(error.message) (kept: \(path))"
            case .success(let value):
                let object = value.objectValue ?? JSONObject()
                let referral = UnfinishedSessions.subject(of: object, named: { $0 })
                let changes = object["workingCopy"].flatMap(WorkingCopy.init(journalValue:))?.unsentChangeCount ?? 0
                var text = "\(id)  \(when)  \(referral)  \(changes) unsent change\(changes == 1 ? "" : "s")"
                if let script = object["script"]?.objectValue, let file = script["file"]?.stringValue {
                    text += "  (script \(file), line \(script["line"]?.numberValue?.intValue ?? 0))"
                }
                return text
            }
        }

        static func formatted(_ time: Int) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
        }
    }

    public let directory: String
    public init(directory: String) { self.directory = directory }

    /// Every unfinished session, newest first.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var found: [Entry] = []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let id = String(name.dropLast(".json".count))
            guard !isHeld(id) else { continue }
            let path = directory + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            found.append(Entry(id: id, path: path, snapshot: Self.read(path), time: Int(modified)))
        }
        return found.sorted { ($0.time, $0.id) > ($1.time, $1.id) }
    }

    /// Whether a live refsh holds the lock of journal `id`.
    func isHeld(_ id: String) -> Bool {
        let descriptor = open(directory + "/" + id + ".lock", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    /// The journal at `path`, or why it cannot be read.
    public static func read(_ path: String) -> Result<JSONValue, FileError> {
        let data: [UInt8]
        switch BoundedReader.readFile(path) {
        case .success(let bytes): data = bytes
        case .failure(let failure): return .failure(FileError(failure.message))  // in the system's words: `is a directory`
        }
        do {
            let value = try JSONParser.parse(bytes: data)
            guard value.objectValue?["workingCopy"] != nil else { return .failure(FileError("not a refsh session journal")) }
            return .success(value)
        } catch {
            return .failure(FileError("line \(error.line), column \(error.column): \(error.message)"))
        }
    }
}
