/// refsh's exit codes (README, "Exit codes").
public struct ExitCode: RawRepresentable, Sendable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(rawValue: 0)
    public static let commandFailed = ExitCode(rawValue: 1)
    public static let usage = ExitCode(rawValue: 2)
    public static let assertionFailed = ExitCode(rawValue: 3)
    public static let conflict = ExitCode(rawValue: 4)
    public static let service = ExitCode(rawValue: 5)
    public static let interrupted = ExitCode(rawValue: 130)
    public static let terminated = ExitCode(rawValue: 143)

    /// Every code refsh exits with, a few words for it and what it means: `help exit-codes`,
    /// `--help` and the man page print this table.
    public static let documented: [(code: ExitCode, summary: String, meaning: String)] = [
        (.success, "success", "success"),
        (.commandFailed, "command failed", "a command failed (bad path, invalid value, refused transition, file not found, ...)"),
        (.usage, "usage or syntax error", "usage or syntax error (bad flags; a script that does not parse; nothing ran)"),
        (.assertionFailed, "assertion failed", "an assert failed"),
        (.conflict, "conflict (412)", "conflict: the server copy changed (412); the working copy is kept"),
        (.service, "network or service error", "network or service error"),
        (.interrupted, "interrupted (Ctrl-C)", "interrupted: Ctrl-C stopped the script (in the shell it stops only the running line)"),
        (.terminated, "terminated (SIGTERM)", "terminated: SIGTERM stopped the script, as Ctrl-C does"),
    ]
}
