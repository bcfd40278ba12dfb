/// A trace's settings, as `trace` shows and changes them.
public struct TraceSettings: Sendable, Equatable {
    public var isOn = false
    public var showsBodies = false
    /// The file it is appended to; `nil` for standard error.
    public var file: String?

    public init(isOn: Bool = false, showsBodies: Bool = false, file: String? = nil) {
        self.isOn = isOn
        self.showsBodies = showsBodies
        self.file = file
    }
}

/// A recording that was stopped: its file and how many exchanges it holds.
public struct FinishedRecording: Sendable, Equatable {
    public var path: String
    public var entries: Int
    public init(path: String, entries: Int) {
        self.path = path
        self.entries = entries
    }
}

/// Traces and HAR recordings of the session's HTTP exchanges (docs/support.md): what `trace`
/// and `record` change. Whatever they write is redacted by the implementation.
public protocol TrafficControls: AnyObject {
    /// The trace as it is now.
    var trace: TraceSettings { get }
    /// Applies `settings`; a trace file is opened (appended to, created 0600) here.
    func setTrace(_ settings: TraceSettings) throws(FileError)
    /// The file being recorded to, and whether contact data is replaced in it.
    func recording() async -> (path: String, redactsPII: Bool)?
    /// Starts a HAR recording in `path` (replacing a recording already going, which is finished first).
    func startRecording(to path: String, redactPII: Bool) async throws(FileError)
    /// Finishes the recording; `nil` when none was going.
    func stopRecording() async throws(FileError) -> FinishedRecording?
    /// The recording the session's requests are answered from, when it replays one.
    var replaying: String? { get }
}
