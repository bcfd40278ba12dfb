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
/// request, keeps its session journal, and what it printed is written out before refsh exits
/// (130 for SIGINT, 143 for SIGTERM). A second signal ends refsh at once, the default way.
final class ScriptSignals: Sendable {
    /// The first signal that came.
    private let received = Mutex<Int32?>(nil)

    /// Runs `body`, cancelled by the first SIGINT or SIGTERM; its exit code, or the signal's.
    static func run(_ body: @escaping @Sendable () async -> ExitCode) async -> ExitCode {
        let signals = ScriptSignals()
        let task = Task { await body() }
        let sources = [signals.watch(SIGINT) { task.cancel() }, signals.watch(SIGTERM) { task.cancel() }]
        let code = await task.value
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        switch signals.received.withLock({ $0 }) {
        case SIGTERM?: return ExitCode.terminated
        case SIGINT?: return ExitCode.interrupted
        default: return code
        }
    }

    /// A source that hears `number` instead of its default action: the first time it calls
    /// `cancel`, the second it lets the signal end the process.
    private func watch(_ number: Int32, cancel: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { [self] in
            let first = received.withLock { seen in
                defer { seen = seen ?? number }
                return seen == nil
            }
            if first {
                cancel()
            } else {
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        source.resume()
        return source
    }
}
