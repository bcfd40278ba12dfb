import ReferralKit
import ReferralsWire

/// A suite's results as TAP version 14 (https://testanything.org/tap-version-14-specification.html):
/// the plan, one test point per file in file order, a YAML diagnostic block for a failure, and
/// `# SKIP` with the reason for a skipped file.
enum TAPReport {
    static func header(count: Int) -> String { "TAP version 14\n1..\(count)\n" }

    static func point(_ result: TestCaseResult, number: Int) -> String {
        // A test point is one line of text: a control character in a file's name (a line break,
        // an escape sequence) is written out (\n, \x1B), as error lines write it.
        let name = VisibleText.of(result.file.replacingOccurrences(of: "\\", with: "\\\\")).replacingOccurrences(of: "#", with: "\\#")
        switch result.outcome {
        case .passed: return "ok \(number) - \(name)\n"
        case .skipped(let reason):
            return "ok \(number) - \(name) # SKIP \(reason.replacingOccurrences(of: "\n", with: " "))\n"
        case .failed:
            var text = "not ok \(number) - \(name)\n  ---\n"
            // A JSON string literal is a YAML double-quoted scalar.
            text += "  message: \(JSONPrinter.quoted(result.firstError ?? "failed"))\n"
            text += "  severity: fail\n"
            text += "  exitCode: \(result.exitCode)\n"
            text += "  duration_ms: \(Int(result.seconds * 1000))\n"
            text += "  ...\n"
            return text
        }
    }
}
