#if canImport(Glibc)
import Glibc
#endif

/// A file that grows in place by replacing its last bytes (a closing `]}}`) with new bytes that
/// end with the same tail, in one write: before and after each write the file is whole, and
/// nothing already in it is written again (a recording rewritten whole after every exchange
/// costs time in the square of its length).
///
/// Each write first checks that the path still names the file it opened (a file removed or
/// replaced meanwhile is an error, so the caller can write it anew). A write that fails part-way
/// (a full disk) is undone: the file is cut back to what it was and its tail written again.
public final class TailAppender {
    private let path: String
    private let descriptor: Int32
    private let device: UInt64
    private let inode: UInt64
    /// The file's length: where the tail ends.
    private var length: Int

    /// Opens the file at `path` (which must exist) for writing in place.
    public init(path: String) throws(SafeWriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SafeWriteError(SafeFileWriter.reason(errno)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw SafeWriteError("is not a regular file (a device, FIFO or socket)")
        }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        length = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Writes `bytes` over the file's last `tail` bytes.
    public func replaceTail(_ tail: Int, with bytes: [UInt8]) throws(SafeWriteError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SafeWriteError(SafeFileWriter.reason(errno)) }
        guard UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode, Int(info.st_size) == length, length >= tail else {
            throw SafeWriteError("was replaced or changed by something else")
        }
        let start = length - tail
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written, off_t(start + written))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let failure = count < 0 ? errno : ENOSPC
                restore(start: start, tailBytes: Array(bytes.suffix(tail)))
                throw SafeWriteError(SafeFileWriter.reason(failure))
            }
            written += count
        }
        length = start + bytes.count
    }

    /// Flushes what was written to the disk.
    public func sync() throws(SafeWriteError) {
        if fsync(descriptor) != 0 { throw SafeWriteError(SafeFileWriter.reason(errno)) }
    }

    /// Cuts the file back to `start` and writes the tail there again (the new bytes end with the
    /// same tail the file had).
    private func restore(start: Int, tailBytes: [UInt8]) {
        _ = ftruncate(descriptor, off_t(start))
        _ = tailBytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, tailBytes.count, off_t(start)) }
    }
}
