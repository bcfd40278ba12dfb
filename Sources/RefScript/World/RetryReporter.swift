import ReferralsWire
import Synchronization

/// Prints one line on standard error for each retry a service makes while a command waits
/// (`429 Too Many Requests: retrying in 1.0 s (attempt 2 of 5)`), unless `option quiet on`.
///
/// `@unchecked Sendable`: the service calls it from its own executor, but only while the
/// interpreter is suspended awaiting that very call, so the output is never written from two
/// places at once; `quiet` changes only between commands.
final class RetryReporter: ServiceObserver, @unchecked Sendable {
    private let output: any OutputSink
    private let quietFlag = Mutex(false)
    /// `option quiet` of the session; an iteration of a parallel loop has its own (its capture's).
    var quiet: Bool {
        get { quietFlag.withLock { $0 } }
        set { quietFlag.withLock { $0 = newValue } }
    }

    init(_ output: any OutputSink) { self.output = output }

    func retrying(_ notice: RetryNotice) {
        guard !(OutputCapture.current?.quiet ?? quiet) else { return }
        let what = notice.status.map { "\($0) \(notice.reason)" } ?? notice.reason
        let seconds = (notice.delaySeconds * 10).rounded() / 10
        output.writeError("\(what): retrying in \(seconds) s (attempt \(notice.nextAttempt) of \(notice.maximumAttempts))\n")
    }
}
