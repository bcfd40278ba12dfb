/// What `refsh test` is asked to run (docs/testing.md).
public struct TestSuiteOptions: Sendable {
    /// `.refscript` files and directories (searched recursively), as given.
    public var paths: [String]
    /// Files run side by side (default: the number of cores).
    public var jobs: Int
    /// `--junit FILE`: where the JUnit XML report goes.
    public var junit: String?
    /// `--tap`: TAP version 14 on standard output instead of the lines for people.
    public var tap: Bool
    /// `--fail-fast`: no file starts after the first failure.
    public var failFast: Bool
    /// `--var name=value`, for every file.
    public var variables: [(String, String)]
    /// A file still running after this many seconds fails (default 5 minutes).
    public var timeoutSeconds: Double
    /// Arguments every file's refsh gets before its script (`--endpoint`, `--token-file`, ...).
    public var connectionArguments: [String]

    public init(
        paths: [String], jobs: Int, junit: String? = nil, tap: Bool = false, failFast: Bool = false, variables: [(String, String)] = [],
        timeoutSeconds: Double = 300, connectionArguments: [String] = []
    ) {
        self.paths = paths
        self.jobs = jobs
        self.junit = junit
        self.tap = tap
        self.failFast = failFast
        self.variables = variables
        self.timeoutSeconds = timeoutSeconds
        self.connectionArguments = connectionArguments
    }
}
