import RefScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output (buffered) and standard error (unbuffered, after flushing stdout so the two
/// stay in order on a terminal).
public final class StandardStreams: OutputSink {
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024
    public let isTerminal: Bool
    public let isErrorTerminal: Bool
    /// Why standard output could not be written (a full disk, a closed descriptor), the first
    /// time it failed; a pipe closed by its reader (`| head`) is not a failure.
    public private(set) var outputFailure: String?

    /// Set when refsh started with standard output closed: whatever is written fails the run.
    private let outputClosed: Bool

    public init(outputClosed: Bool = false) {
        self.outputClosed = outputClosed
        isTerminal = isatty(1) == 1
        isErrorTerminal = isatty(2) == 1
        buffer.reserveCapacity(flushThreshold)
    }

    /// When the buffer was last written out.
    private var lastFlush = ContinuousClock.now
    /// How long output may wait in the buffer: a file or pipe being watched (`tail -f`) lags at
    /// most this much, and no more is lost if refsh is killed.
    private let flushInterval = Duration.milliseconds(200)

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold || isTerminal || ContinuousClock.now - lastFlush >= flushInterval { flush() }
    }

    public func writeError(_ text: String) {
        flush()
        Self.writeAll(Array(text.utf8), to: 2)
    }

    /// Writes `text` to standard error at once, from any thread (standard output is not flushed
    /// first: for writers outside the interpreter, such as a trace).
    public static func writeError(_ text: String) { writeAll(Array(text.utf8), to: 2) }

    /// Writes out what is buffered.
    public func flush() {
        lastFlush = ContinuousClock.now
        guard !buffer.isEmpty else { return }
        if let failure = outputClosed ? EBADF : Self.writeAll(buffer, to: 1), failure != EPIPE, outputFailure == nil {
            outputFailure = String(cString: strerror(failure))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }

    /// Writes all of `bytes`; the errno that stopped it, if anything did.
    @discardableResult
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno  // a closed pipe, a full disk: nothing more can be written
                }
                offset += written
            }
            return nil
        }
    }
}
