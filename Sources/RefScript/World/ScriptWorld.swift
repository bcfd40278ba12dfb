/// Where output goes. The interpreter writes only here; the shell binds it to stdout/stderr,
/// tests to memory.
public protocol OutputSink: AnyObject {
    /// Writes `text` to standard output.
    func write(_ text: String)
    /// Writes `text` to standard error.
    func writeError(_ text: String)
    /// Whether standard output is a terminal (for `color auto`).
    var isTerminal: Bool { get }
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
}

/// A file operation that failed, in words (`no such file`, `permission denied`).
public struct FileError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The process environment, for `$env.NAME`.
public protocol EnvironmentReader {
    func value(_ name: String) -> String?
}

/// Everything outside the interpreter that it may touch.
public struct ScriptWorld {
    public var output: any OutputSink
    public var files: any FileSystem
    public var environment: any EnvironmentReader
    /// The Referrals API; `nil` until a client is connected (online commands arrive with the client).
    public var service: (any ReferralService)?

    public init(
        output: any OutputSink, files: any FileSystem, environment: any EnvironmentReader,
        service: (any ReferralService)? = nil
    ) {
        self.output = output
        self.files = files
        self.environment = environment
        self.service = service
    }
}
