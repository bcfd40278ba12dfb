import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that it is either wholly the new text or untouched: into a temporary file
/// beside it, fsynced, then renamed into its place (and the folder fsynced). The file keeps its
/// mode (a 0600 file stays 0600); a new one is 0600, since what refsh saves is the user's server
/// data. A symlink is followed to the file it names; a directory, FIFO, device or socket is
/// refused. Every failure (a full disk, a read-only folder) is an error, never a silent success.
public enum SafeFileWriter {
    /// Writes `bytes` to `path` (or the file a symlink there names) whole or not at all; with
    /// `mode`, the file has that mode whatever it had (a recording, a credential: private even
    /// where an older file was not).
    public static func write(_ bytes: [UInt8], to path: String, mode forced: mode_t? = nil) throws(SafeWriteError) {
        let target = resolvingSymlinks(path)
        let folder = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        var mode: mode_t = 0o600
        var info = stat()
        if stat(target, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                let kind = info.st_mode & S_IFMT == S_IFDIR ? "is a directory" : "is not a regular file (a device, FIFO or socket)"
                throw SafeWriteError(kind)
            }
            mode = forced ?? info.st_mode & 0o7777
        } else if errno != ENOENT {
            throw SafeWriteError(reason(errno))
        }
        var template = Array((folder + "/." + (target as NSString).lastPathComponent + ".refsh-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw SafeWriteError(reason(errno)) }
        // mkstemp wrote the name it chose over the X's; the array still ends in its NUL.
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        if fchmod(descriptor, mode) != 0 { failure = errno }
        var offset = 0
        while failure == 0, offset < bytes.count {
            // `bytes` is not empty here, so its buffer has an address.
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { Glibc.write(descriptor, $0 + offset, bytes.count - offset) } ?? 0
            }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw SafeWriteError(reason(failure))
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// `path` with symlinks followed to the file they finally name (that file may not exist yet).
    public static func resolvingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current =
                destination.hasPrefix("/")
                ? destination : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return current
    }

    /// A failure in words: `no space left on device`, `permission denied`, ...
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// Why a safe write failed, in words (`no space left on device`, `is a directory`).
public struct SafeWriteError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
