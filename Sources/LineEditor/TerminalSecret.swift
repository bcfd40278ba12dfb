#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret from the terminal with echo off. The text never passes through libedit, so it
/// never enters the history.
public enum TerminalSecret {
    /// The line typed after `prompt` (shown on standard error), or `nil` when standard input is
    /// not a terminal.
    public static func read(prompt: String) -> String? {
        guard isatty(0) == 1 else { return nil }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON | ECHONL)
        _ = prompt.withCString { write(2, $0, strlen($0)) }
        guard tcsetattr(0, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { tcsetattr(0, TCSAFLUSH, &original) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var ended = false
        // Ctrl-C cancels the running line or script (SIGINT itself is handled, so no read is
        // cut short): the wait for input looks for that cancellation between short polls.
        while !Task.isCancelled {
            var ready = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let count = poll(&ready, 1, 100)
            if count == 0 || (count < 0 && errno == EINTR) { continue }
            guard count > 0, readByte(&byte) else { break }
            if byte == 0x0A || byte == 0x0D {
                ended = true
                break
            }
            bytes.append(byte)
            if bytes.count > 64 * 1024 { break }
        }
        // Ctrl-C or the end of input: what was typed is not a token.
        guard ended else {
            _ = "\n".withCString { write(2, $0, 1) }
            return ""
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func readByte(_ byte: inout UInt8) -> Bool {
        #if canImport(Glibc)
        Glibc.read(0, &byte, 1) == 1
        #else
        Darwin.read(0, &byte, 1) == 1
        #endif
    }
}
