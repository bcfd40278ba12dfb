import Foundation
import RefScript
import ReferralsWire
import Synchronization
import Troubleshooting

#if canImport(Glibc)
import Glibc
#endif

/// The session's ``TrafficControls``: switches the ``ExchangeTap``'s trace (standard error,
/// coloured on a terminal unless NO_COLOR, or a file) and HAR recording on and off.
public final class TrafficSupport: TrafficControls, @unchecked Sendable {
    public let tap: ExchangeTap
    private let keeper: SecretKeeper
    private let version: String
    private let redactsPII: Bool
    private let standardError: @Sendable (String) -> Void
    private let colorsOnStandardError: Bool
    public let replaying: String?
    public private(set) var trace = TraceSettings()
    private var traceFile: TraceFile?

    /// - Parameters:
    ///   - redactsPII: `--redact-pii`: every recording (and the trace) replaces contact data.
    ///   - standardError: writes to standard error (the trace's default destination, and notices).
    ///   - colors: whether standard error is a terminal that takes colour.
    public init(
        keeper: SecretKeeper, version: String, redactsPII: Bool, replaying: String? = nil, colors: Bool,
        standardError: @escaping @Sendable (String) -> Void
    ) {
        self.keeper = keeper
        self.version = version
        self.redactsPII = redactsPII
        self.replaying = replaying
        colorsOnStandardError = colors
        self.standardError = standardError
        tap = ExchangeTap(redactor: ExchangeRedactor(keeper: keeper, pseudonyms: redactsPII ? PIIPseudonyms() : nil))
    }

    /// Whether standard error takes colour: a terminal, and NO_COLOR unset or empty.
    /// A one-line notice on standard error (a recording or trace that cannot be written).
    private var notice: @Sendable (String) -> Void {
        let standardError = standardError
        return { standardError($0 + "\n") }
    }

    public static func colorsOnStandardError(environment: [String: String]) -> Bool {
        isatty(2) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
    }

    public func setTrace(_ settings: TraceSettings) throws(FileError) {
        var file = traceFile
        if settings.isOn, let path = settings.file, path != traceFile?.path {
            file = try TraceFile(path: path, problem: notice)
        }
        if !settings.isOn || settings.file == nil { file = nil }
        traceFile = file
        trace = settings
        guard settings.isOn else {
            tap.trace = nil
            return
        }
        let formatter = TraceFormatter(bodies: settings.showsBodies, colors: file == nil && colorsOnStandardError)
        if let file {
            tap.trace = ExchangeTap.Trace(formatter: formatter, destination: file.path) { file.append($0) }
        } else {
            tap.trace = ExchangeTap.Trace(formatter: formatter, destination: "standard error", write: standardError)
        }
    }

    public func recording() async -> (path: String, redactsPII: Bool)? {
        tap.recorder.map { ($0.path, $0.redactsPII) }
    }

    public func startRecording(to path: String, redactPII: Bool) async throws(FileError) {
        _ = try await stopRecording()
        let recorder = HARRecorder(
            path: path, creatorVersion: version, keeper: keeper, redactsPII: redactPII || redactsPII, problem: notice)
        do {
            try await recorder.start()
        } catch {
            throw FileError(error.message)
        }
        tap.recorder = recorder
    }

    public func stopRecording() async throws(FileError) -> FinishedRecording? {
        guard let recorder = tap.recorder else { return nil }
        tap.recorder = nil
        do {
            try await recorder.finish()
        } catch {
            throw FileError(error.message)
        }
        return FinishedRecording(path: recorder.path, entries: await recorder.count)
    }
}

/// A trace file, appended to (created 0600: a trace holds server data). A write that fails (a
/// full disk) is reported once, and again when writes work again.
final class TraceFile: Sendable {
    let path: String
    private let descriptor: Int32
    /// Whether the last write failed.
    private let failing = Mutex(false)
    private let problem: @Sendable (String) -> Void

    init(path: String, problem: @escaping @Sendable (String) -> Void) throws(FileError) {
        self.problem = problem
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw FileError("is a directory") }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError(String(cString: strerror(errno))) }
        // A trace holds ids and customer data: an older file it appends to becomes private too
        // (a terminal, a pipe or /dev/stderr is left as it is).
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 { fchmod(descriptor, 0o600) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func append(_ text: String) {
        let bytes = Array(text.utf8)
        failing.withLock { failing in
            var offset = 0
            var failure: Int32 = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failure = written < 0 ? errno : ENOSPC
                    break
                }
                offset += written
            }
            if failure != 0, !failing {
                problem("refsh: cannot write the trace to \(path): \(String(cString: strerror(failure))); exchanges are not traced until it can")
            } else if failure == 0, failing {
                problem("refsh: the trace is written to \(path) again")
            }
            failing = failure != 0
        }
    }
}
