import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program the user works with on this terminal (the `edit` editor, the `show` pager), run
/// the way git runs its editor and pager: in refsh's own process group, so that it may read and
/// write the terminal (a program in a group of its own, as `Process` makes, is stopped by the
/// kernel the moment it does), and with Ctrl-C and Ctrl-\ its own: refsh ignores them until the
/// program ends, and the program starts with their default handling.
enum TerminalProgram {
    /// How the program ended.
    enum Ending: Equatable {
        case exited(Int32)
        case killed(signal: Int32)
    }

    /// Runs `/bin/sh -c script name arguments…`, with `input` (when given) on its standard input
    /// through a pipe; `nil` when it could not be started.
    static func run(_ script: String, name: String, arguments: [String] = [], input: String? = nil) -> Ending? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else { return nil }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // the program gets its end as 0 only
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // Ignored from before the start to the end: a Ctrl-C meant for the editor must not also
        // cancel the `edit` that waits for it.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previousInterrupt = sigaction()
        var previousQuit = sigaction()
        sigaction(SIGINT, &ignore, &previousInterrupt)
        sigaction(SIGQUIT, &ignore, &previousQuit)
        defer {
            sigaction(SIGINT, &previousInterrupt, nil)
            sigaction(SIGQUIT, &previousQuit, nil)
        }

        let argv = (["/bin/sh", "-c", script, name] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv + [nil], environ)
        if input != nil { close(pipeEnds[0]) }
        guard started == 0 else {
            if input != nil { close(pipeEnds[1]) }
            return nil
        }
        if let input {
            // A pager that quits early closes its end: the rest is not wanted (and must not kill refsh).
            let previousPipe = signal(SIGPIPE, SIG_IGN)
            var bytes = Array(input.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                bytes = bytes.dropFirst(written)
            }
            close(pipeEnds[1])
            signal(SIGPIPE, previousPipe)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .exited(127) }
        }
        let signalNumber = status & 0x7F
        return signalNumber == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: signalNumber)
    }
}
