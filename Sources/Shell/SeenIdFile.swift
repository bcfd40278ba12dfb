import Foundation
import RefScript
import SafeFiles

#if canImport(Glibc)
import Glibc
#endif

/// Seen referral ids in files, one per endpoint, under `$XDG_STATE_HOME/refsh/seen/`: one id a
/// line, appended as they are seen, read back newest last and compacted when the file grows.
/// Appends and compaction take turns under a lock file beside it (`flock`), so that sessions
/// sharing the folder never lose each other's ids to a compaction.
public struct SeenIdFile: SeenIdStore {
    /// The folder of the files.
    public let directory: String
    /// How many ids are kept per endpoint.
    let limit: Int

    public init(directory: String) { self.init(directory: directory, limit: 5000) }

    init(directory: String, limit: Int) {
        self.directory = directory
        self.limit = limit
    }

    /// `$XDG_STATE_HOME/refsh/seen`, else `~/.local/state/refsh/seen`.
    public static func directory(environment: any EnvironmentReader) -> String? {
        StateFolder.path(environment.value).map { $0 + "/seen" }
    }

    public func ids(endpoint: String) -> [String] {
        let (ids, lines) = read(endpoint)
        guard lines > 2 * limit else { return ids }
        // Compacted under the lock, from the file as it is then: an id another session appended
        // since the read above is kept.
        return locked(endpoint) {
            let (current, _) = read(endpoint)
            write(current, to: path(endpoint))
            return current
        }
    }

    /// The newest `limit` distinct ids of the file, newest last, and how many lines it has.
    private func read(_ endpoint: String) -> (ids: [String], lines: Int) {
        // Not a FIFO or a device left there: opening one would wait for a writer forever.
        guard !BoundedReader.isSpecial(path(endpoint)), let data = FileManager.default.contents(atPath: path(endpoint)) else { return ([], 0) }
        let lines = data.split(separator: UInt8(ascii: "\n")).compactMap(Self.id(inLine:))
        var seen = Set<String>()
        var newestFirst: [String] = []
        for id in lines.reversed() where seen.insert(id).inserted {
            newestFirst.append(id)
            if newestFirst.count == limit { break }
        }
        return (Array(newestFirst.reversed()), lines.count)
    }

    public func add(_ ids: [String], endpoint: String) {
        let text = ids.filter(Self.isId).map { $0 + "\n" }.joined()
        guard !text.isEmpty else { return }
        // O_APPEND: two sessions appending at once each add their lines whole; the lock keeps a
        // compaction from replacing the file between this open and this write.
        locked(endpoint) {
            let descriptor = open(path(endpoint), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
        }
    }

    /// Runs `body` holding the endpoint's lock (`flock` on `NAME+lock` in the folder, made with
    /// the folder if need be). Without a lock file (a read-only folder), or after waiting about
    /// three seconds for it, `body` runs all the same.
    private func locked<T>(_ endpoint: String, _ body: () -> T) -> T {
        let lockPath = directory + "/" + fileName(endpoint) + "+lock"  // no endpoint's file name has a +
        var descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor < 0, errno == ENOENT {  // the first id of all: make the folder
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        }
        guard descriptor >= 0 else { return body() }
        defer { close(descriptor) }  // closing lets the lock go
        // A session stopped while holding it (Ctrl-Z) must not hang every other: after about
        // three seconds, go on without it, as without a lock file.
        for _ in 0..<300 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 || (errno != EWOULDBLOCK && errno != EINTR) { break }
            usleep(10_000)
        }
        return body()
    }

    /// The file of `endpoint`: its name with anything but letters, digits, `.` and `-` as `_`.
    func path(_ endpoint: String) -> String { directory + "/" + fileName(endpoint) }

    private func fileName(_ endpoint: String) -> String {
        let name = String(endpoint.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "_" })
        return name.isEmpty ? "_" : name
    }

    /// The id a line of the file holds, or `nil` when it holds none worth keeping. An ASCII line
    /// (every GUID) is checked byte by byte; reading the file character by character showed in
    /// a bulk loop's profile. Other lines go through ``isId(_:)``.
    static func id(inLine bytes: Data) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let line = String(decoding: bytes, as: UTF8.self)
            return isId(line) ? line : nil
        }
        let whitespace: ClosedRange<UInt8> = 0x09...0x0D  // tab, line feed, vertical tab, form feed, return
        guard !bytes.isEmpty, bytes.count <= 100, !bytes.contains(where: { whitespace.contains($0) || $0 == 0x20 }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a line is an id worth keeping (the file may have been edited by hand).
    static func isId(_ line: String) -> Bool {
        !line.isEmpty && line.count <= 100 && !line.contains(where: { $0.isWhitespace })
    }

    private func write(_ ids: [String], to file: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? Data(ids.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
    }
}
