import ReferralsWire
import Synchronization

/// Where the exchanges of a session go besides the client: a trace and a HAR recording, each
/// switched on and off while the session runs. The transports of every connection (the API, the
/// sandbox, sign-in) report to the one tap of the process.
public final class ExchangeTap: Sendable {
    /// A trace being written: its look, and where its blocks go.
    public struct Trace: Sendable {
        public var formatter: TraceFormatter
        /// Where it goes, in words (`standard error`, a file name).
        public var destination: String
        public var write: @Sendable (String) -> Void

        public init(formatter: TraceFormatter, destination: String, write: @escaping @Sendable (String) -> Void) {
            self.formatter = formatter
            self.destination = destination
            self.write = write
        }
    }

    private struct State {
        var trace: Trace?
        var recorder: HARRecorder?
    }

    private let state = Mutex(State())
    /// Redacts what the trace shows (the recorder redacts with pseudonyms of its own).
    public let redactor: ExchangeRedactor

    public init(redactor: ExchangeRedactor) { self.redactor = redactor }

    /// Whether anything listens (else a transport skips the bookkeeping).
    public var isActive: Bool { state.withLock { $0.trace != nil || $0.recorder != nil } }

    public var trace: Trace? {
        get { state.withLock { $0.trace } }
        set { state.withLock { $0.trace = newValue } }
    }

    public var recorder: HARRecorder? {
        get { state.withLock { $0.recorder } }
        set { state.withLock { $0.recorder = newValue } }
    }

    /// Shows `record` in the trace and adds it to the recording (sign-in exchanges are traced only).
    public func observe(_ record: ExchangeRecord) async {
        let (trace, recorder) = state.withLock { ($0.trace, $0.recorder) }
        if let trace { trace.write(trace.formatter.block(redactor.redact(record))) }
        if record.kind == .api, let recorder { await recorder.append(entry: recorder.entry(for: record)) }
    }
}
