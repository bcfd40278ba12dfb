import Foundation
import RefScript
import ReferralKit

#if canImport(Glibc)
import Glibc
#endif

/// A parallel loop's journal on disk (`for --journal FILE`, docs/bulk.md): a header line, then
/// the key of each finished item as a JSON string, one a line. Each key is appended and synced
/// (`fsync`) before the next item counts as done, so a `kill -9` loses at most the line being
/// written; such a torn last line is cut off when the journal is opened again. A file that is
/// not a journal is refused before anything is written to it.
final class LoopJournalFile: LoopJournal {
    static let header = "# refsh loop journal: one finished item a line"
    /// The biggest journal read (a million GUID keys is about 40 MB).
    static let maximumSize = 256 << 20

    let finished: [String]
    private var descriptor: Int32
    private let name: String
    /// The file's path when this open created it, until a key is recorded (``discardIfUnused()``).
    private var createdPath: String?

    private init(descriptor: Int32, name: String, finished: [String], createdPath: String?) {
        self.descriptor = descriptor
        self.name = name
        self.finished = finished
        self.createdPath = createdPath
    }

    /// Opens or creates the journal at `path` (named `name` in messages) and reads what it holds.
    static func open(_ path: String, name: String) throws(FileError) -> LoopJournalFile {
        // Made here or there already: a refused loop removes only a journal it made.
        var descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        let created = descriptor >= 0
        if !created, errno == EEXIST { descriptor = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC) }
        guard descriptor >= 0 else { throw FileError("\(name): \(Self.reason(errno))") }
        do throws(FileError) {
            // One loop at a time: two appending to one journal would each skip what the other did.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                throw FileError("\(name): in use by another refsh loop (\(Self.reason(errno)))")
            }
            let bytes = try read(descriptor, name: name)
            let (keys, kept) = try parse(bytes, name: name)
            if kept < bytes.count, ftruncate(descriptor, off_t(kept)) != 0 { throw FileError("\(name): \(Self.reason(errno))") }
            let journal = LoopJournalFile(descriptor: descriptor, name: name, finished: keys, createdPath: created ? path : nil)
            if kept == 0 {
                try journal.appendLine(header)
                syncFolder(of: path)  // the new file's name survives a power cut too
            }
            return journal
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    func append(_ key: String) throws(FileError) {
        createdPath = nil
        try appendLine(JSONPrinter.compact.print(.string(key)))
    }

    func discardIfUnused() {
        guard let path = createdPath else { return }
        unlink(path)
        close()
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }

    private func appendLine(_ line: String) throws(FileError) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError("\(name): \(Self.reason(errno))")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw FileError("\(name): \(Self.reason(errno))") }
    }

    private static func read(_ descriptor: Int32, name: String) throws(FileError) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileError("\(name): \(reason(errno))") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileError("\(name): not a regular file") }
        guard Int(status.st_size) <= maximumSize else { throw FileError("\(name): over \(maximumSize >> 20) MiB, not a loop journal") }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let got = bytes.withUnsafeMutableBytes { raw in pread(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, off_t(offset))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw FileError("\(name): \(got < 0 ? reason(errno) : "changed while it was read")") }
            offset += got
        }
        return bytes
    }

    /// The keys, and how many bytes hold whole lines (a torn last line is left out).
    static func parse(_ bytes: [UInt8], name: String) throws(FileError) -> ([String], Int) {
        guard let lastNewline = bytes.lastIndex(of: 0x0A) else {
            if bytes.isEmpty || Array(header.utf8).starts(with: bytes) { return ([], 0) }  // new, or its header torn
            throw FileError("\(name):1:1: not a refsh loop journal (it has no \"\(header)\" line); give a new file or one a loop wrote")
        }
        guard let text = String(validating: bytes[...lastNewline], as: UTF8.self) else {
            throw FileError("\(name): not UTF-8 text, not a refsh loop journal")
        }
        var keys: [String] = []
        for (number, line) in text.lines(omittingEmpty: false).dropLast().enumerated() {
            if number == 0 {
                guard line == header else {
                    throw FileError("\(name):1:1: not a refsh loop journal (it has no \"\(header)\" line); give a new file or one a loop wrote")
                }
                continue
            }
            guard case .string(let key)? = try? JSONParser.parse(String(line)) else {
                throw FileError("\(name):\(number + 1):1: not a line of a refsh loop journal: \(line.prefix(60))")
            }
            keys.append(key)
        }
        return (keys, lastNewline + 1)
    }

    /// `fsync` of the folder holding `path` (best effort: some file systems refuse it).
    private static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        Glibc.close(descriptor)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}
