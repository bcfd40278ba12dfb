import ReferralsWire

/// How one file of a suite ended.
public struct TestCaseResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        case passed
        case failed
        case skipped(String)
    }

    /// The file as the suite names it (relative to where refsh test runs, as found).
    public var file: String
    public var outcome: Outcome
    /// The exit code of the file's run (0 when it passed or was skipped).
    public var exitCode: Int32
    public var seconds: Double
    public var stdout: String
    public var stderr: String
    /// The first error line (`FILE:LINE:COLUMN: error: message`), or what went wrong with the run.
    public var firstError: String?
    /// The line of the first error, when it names one.
    public var errorLine: Int?

    /// Whether an `assert` failed (exit 3).
    public var isAssertion: Bool { outcome == .failed && exitCode == 3 }
}

extension TestCaseResult {
    /// The result with every secret `keeper` holds taken out of its texts.
    func redacted(by keeper: SecretKeeper) -> TestCaseResult {
        var copy = self
        copy.stdout = keeper.redact(stdout)
        copy.stderr = keeper.redact(stderr)
        copy.firstError = firstError.map(keeper.redact)
        if case .skipped(let reason) = outcome { copy.outcome = .skipped(keeper.redact(reason)) }
        return copy
    }

    /// The first `FILE:LINE:COLUMN: error: …` line of `stderr`, and its line number when the
    /// error is in `file` itself (not in a file it sourced).
    static func firstError(in stderr: String, file: String) -> (String, Int?)? {
        for line in stderr.split(separator: "\n") where line.contains(": error: ") {
            let parts = line.split(separator: ":", maxSplits: 3)
            let inFile = parts.count > 2 && String(parts[0]) == file
            return (String(line), inFile ? Int(parts[1]) : nil)
        }
        return nil
    }
}
