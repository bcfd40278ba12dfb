import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file, pipe or standard input, up to a limit: a script, a referral, a token file
/// of that size is a mistake (`open /dev/zero`, a directory given as standard input), and reading
/// on would take the machine's memory. Errors are the system's words (`is a directory`).
public enum BoundedReader {
    /// The most refsh reads of one script, referral or token file (as of a recording, --replay).
    public static let maximumBytes = 256 * 1024 * 1024

    /// A read that failed, in words.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    /// Every byte of `descriptor` to its end, or why not.
    public static func readAll(_ descriptor: Int32, limit: Int = maximumBytes) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(message: String(cString: strerror(errno)).lowercased()))
            }
            if count == 0 { return .success(bytes) }
            guard bytes.count + count <= limit else {
                return .failure(Failure(message: "larger than \(limit >> 20) MiB, more than refsh reads of one file"))
            }
            bytes += chunk[0..<count]
        }
    }

    /// Every byte of the file at `path` (a FIFO waits for its writer, as a shell's `<` does; a
    /// directory is refused), or why not.
    public static func readFile(_ path: String, limit: Int = maximumBytes) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Failure(message: String(cString: strerror(errno)).lowercased())) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return .failure(Failure(message: "is a directory")) }
        return readAll(descriptor, limit: limit)
    }
}

extension BoundedReader {
    /// Whether something other than a regular file is at `path` (a FIFO, a directory, a device):
    /// a state file refsh keeps must not be one, or opening it waits for a writer forever.
    public static func isSpecial(_ path: String) -> Bool { kind(of: path).map { $0 != S_IFREG } ?? false }

    /// Whether a regular file is at `path` (links followed): one that reads the same twice.
    public static func isRegularFile(_ path: String) -> Bool { kind(of: path) == S_IFREG }

    /// The kind of file at `path` (`S_IFREG`, `S_IFIFO`, …), links followed; `nil` when none.
    private static func kind(of path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }
}
