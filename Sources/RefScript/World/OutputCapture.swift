import Synchronization

/// What one iteration of a parallel loop writes, kept together until it is printed in list
/// order. While a task runs with a capture bound (``current``), the interpreter's output goes
/// into it instead of the terminal: whatever prints, including the service's retry notices.
final class OutputCapture: Sendable {
    /// The capture the running task writes into, if any.
    @TaskLocal static var current: OutputCapture?

    private let chunks = Mutex<[(toError: Bool, text: String)]>([])
    private let quietFlag: Mutex<Bool>

    /// - Parameter quiet: the iteration's `option quiet` to start with (the session's).
    init(quiet: Bool) { quietFlag = Mutex(quiet) }

    /// The iteration's `option quiet`: no retry lines from its requests.
    var quiet: Bool {
        get { quietFlag.withLock { $0 } }
        set { quietFlag.withLock { $0 = newValue } }
    }

    func write(_ text: String, toError: Bool) {
        chunks.withLock { $0.append((toError, text)) }
    }

    /// Everything written, in order, to `output`.
    func replay(into output: any OutputSink) {
        for chunk in chunks.withLock({ $0 }) {
            if chunk.toError { output.writeError(chunk.text) } else { output.write(chunk.text) }
        }
    }
}
