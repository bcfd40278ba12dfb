import Dispatch
import RefScript
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) or SIGTERM while a script, `-c` or standard input runs: the run is
/// cancelled, as Ctrl-C cancels a line in the shell, so it stops at its next statement or
/// request, keeps its session journal, and what it printed is written out; then refsh ends by
/// that signal (``Launch/exit(_:)``), so a shell loop around it stops too. Before the script
/// starts (reading it, parsing it), and at a second signal, the signal acts as it always does.
/// A signal the parent told refsh to ignore (`trap '' INT`, a background job) stays ignored.
public enum ScriptSignals {
    private struct State {
        var armed = false
        var received: Int32?
    }
    private static let state = Mutex(State())

    /// The signal that stopped the run, if one did.
    static var stoppedBy: Int32? { state.withLock { $0.received } }

    /// From now on the first signal cancels the run instead of ending refsh (the script runs).
    static func arm() { state.withLock { $0.armed = true } }

    /// Runs `body`, cancelled by the first SIGINT or SIGTERM once ``arm()`` was called; its exit
    /// code, or the signal's.
    static func run(_ body: @escaping @Sendable () async -> ExitCode) async -> ExitCode {
        let task = Task { await body() }
        let sources = [SIGINT, SIGTERM].compactMap { watch($0) { task.cancel() } }
        let code = await task.value
        for (number, source) in sources {
            signal(number, SIG_DFL)  // first, so that no signal falls between the two
            source.cancel()
        }
        switch stoppedBy {
        case SIGTERM?: return .terminated
        case SIGINT?: return .interrupted
        default: return code
        }
    }

    /// A source that hears `number` instead of its default action (`nil` when the signal is
    /// ignored already): armed and the first time, it calls `cancel`; else it ends refsh.
    private static func watch(_ number: Int32, cancel: @escaping @Sendable () -> Void) -> (Int32, any DispatchSourceSignal)? {
        let previous = signal(number, SIG_IGN)
        if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return nil }
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            let first = state.withLock { state in
                defer { state.received = state.received ?? number }
                return state.armed && state.received == nil
            }
            if first { cancel() } else { die(by: number) }
        }
        source.resume()
        return (number, source)
    }

    /// Ends the process by `number`'s default action, before this returns. The signal is
    /// unblocked on this thread first (libdispatch's threads block signals) and raised on it: a
    /// `kill` to the process could go to a thread that blocks it, stay pending, and lose to the
    /// `exit` that follows (refsh then ended with 143 instead of by SIGTERM, now and then).
    static func die(by number: Int32) {
        signal(number, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, number)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        raise(number)
        kill(getpid(), number)  // only if raising did not end the process
    }
}
