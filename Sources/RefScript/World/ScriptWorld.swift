import ReferralsWire

/// Where output goes. The interpreter writes only here; the shell binds it to stdout/stderr,
/// tests to memory.
public protocol OutputSink: AnyObject {
    /// Writes `text` to standard output.
    func write(_ text: String)
    /// Writes `text` to standard error.
    func writeError(_ text: String)
    /// Whether standard output is a terminal (for `color auto`).
    var isTerminal: Bool { get }
    /// Whether standard error is a terminal (for the progress line of a parallel loop).
    var isErrorTerminal: Bool { get }
    /// Writes out what is buffered (before the run waits on the network, so that what it
    /// printed so far is in the file or pipe while it waits).
    func flush()
}

extension OutputSink {
    public var isErrorTerminal: Bool { false }
    public func flush() {}
}

/// Reading and writing files by name. Relative names are resolved by the implementation
/// (the shell: against the working directory).
public protocol FileSystem {
    /// The whole file as UTF-8 text; throws a message suitable for users.
    func readText(_ path: String) throws(FileError) -> String
    /// Replaces the file with `text`.
    func writeText(_ text: String, to path: String) throws(FileError)
    /// Names in a directory, directories ending in `/` (for completion).
    func entries(in directory: String) -> [String]
    /// Opens (or creates) the journal of a parallel loop (`for --journal FILE`).
    func openLoopJournal(_ path: String) throws(FileError) -> any LoopJournal
    /// Whether `path` names a regular file (not a pipe, a FIFO, a device or a folder): one that
    /// can be read twice with the same text.
    func isRegularFile(_ path: String) -> Bool
    /// `path` as the operating system must see it (relative names made absolute the way this
    /// file system resolves them), for files others open: traces, recordings.
    func absolutePath(_ path: String) -> String
}

extension FileSystem {
    public func absolutePath(_ path: String) -> String { path }

    public func isRegularFile(_ path: String) -> Bool { false }

    public func openLoopJournal(_ path: String) throws(FileError) -> any LoopJournal {
        throw FileError("no loop journals here")
    }
}

/// A file operation that failed, in words (`no such file`, `permission denied`).
public struct FileError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }

    /// A file that is there but is not text refsh reads.
    public static let notUTF8 = FileError("not UTF-8 text")
    /// A name that names nothing.
    public static let noSuchFile = FileError("no such file")
}

/// The process environment, for `$env.NAME`.
public protocol EnvironmentReader {
    func value(_ name: String) -> String?
}

/// The interactive shell's line history, for the `history` command.
public protocol HistoryProvider: AnyObject {
    /// Entered lines, oldest first.
    var entries: [String] { get }
    /// Forgets them (in memory and in the history file).
    func clear()
}

/// Shows long output a screen at a time: the interactive shell's `$PAGER` on a terminal.
public protocol Pager {
    /// Whether output of `lineCount` lines is longer than the screen it would go to.
    func isLongerThanScreen(_ lineCount: Int) -> Bool
    /// Shows `text` through the pager; `false` when no pager could run (then the caller prints it).
    func page(_ text: String) -> Bool
}

/// Everything outside the interpreter that it may touch.
public struct ScriptWorld {
    public var output: any OutputSink
    public var files: any FileSystem
    public var environment: any EnvironmentReader
    /// Makes the Referrals API client; `nil` where no network exists (offline tests).
    public var connector: (any ServiceConnector)?
    /// Asks for a token without echo; `nil` when there is no terminal.
    public var secrets: (any SecretReader)?
    /// The line history; `nil` outside the interactive shell.
    public var history: (any HistoryProvider)?
    /// Pages long output; `nil` where output is never paged (scripts, pipes, tests).
    public var pager: (any Pager)?
    /// Referral ids seen in earlier sessions; `nil` where nothing is kept.
    public var seenIds: (any SeenIdStore)?
    /// Traces and recordings of the session's HTTP exchanges; `nil` where none can be made.
    public var traffic: (any TrafficControls)?
    /// Where the session is journaled so a crash cannot lose it; `nil` where nothing is kept.
    public var journal: (any SessionJournal)?
    /// The user's editor, for `edit`; `nil` where none can run (tests that bring none).
    public var editor: (any TextEditor)?
    /// How `wait until` tells time and waits.
    public var clock: any WaitClock = SystemWaitClock()
    /// What `version` prints: `refsh 0.9.0 (commit abc123def456)`.
    public var version = "refsh (version unknown)"
    /// Every secret the session has held, kept out of its output and history; the connector
    /// shares it, so tokens it obtains later (a refresh) are kept out too.
    public var secretKeeper = SecretKeeper()

    public init(
        output: any OutputSink, files: any FileSystem, environment: any EnvironmentReader,
        connector: (any ServiceConnector)? = nil, secrets: (any SecretReader)? = nil, history: (any HistoryProvider)? = nil,
        pager: (any Pager)? = nil, seenIds: (any SeenIdStore)? = nil
    ) {
        self.output = output
        self.files = files
        self.environment = environment
        self.connector = connector
        self.secrets = secrets
        self.history = history
        self.pager = pager
        self.seenIds = seenIds
    }
}
