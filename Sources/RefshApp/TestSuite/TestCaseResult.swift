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
    /// Where the first error is, when it names a place: the file (`file` itself, or a file it
    /// sourced) and the line.
    public var errorLocation: ErrorLocation?

    /// A file and a line in it.
    public struct ErrorLocation: Sendable, Equatable {
        public var file: String
        public var line: Int
    }

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

    /// The first `FILE:LINE:COLUMN: error: …` line of `stderr`, and the place it names (the
    /// file may hold `:`; the line and column are the last two numbers before `: error: `).
    static func firstError(in stderr: String) -> (text: String, location: ErrorLocation?)? {
        for line in stderr.lines() {
            guard let marker = line.range(of: ": error: ") else { continue }
            var parts = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, Int(parts.removeLast()) != nil, let number = Int(parts.removeLast()), number > 0 else {
                return (String(line), nil)
            }
            let file = parts.joined(separator: ":")
            return (String(line), file.isEmpty ? nil : ErrorLocation(file: file, line: number))
        }
        return nil
    }
}
