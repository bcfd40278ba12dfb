import Foundation
import ReferralsWire

/// A suite's results as JUnit XML, the shape Jenkins, GitLab and GitHub's test annotations read:
/// `testsuites` > `testsuite` > `testcase` (`classname` the file's folder, `name` its path, so
/// two files of one name in two folders stay apart; `time`; `file` and `line` of the first
/// error, in a sourced file too, else the file's first line), `failure` with
/// `message` and `type`, `skipped` with its reason, the file's output in `system-out` and
/// `system-err`.
enum JUnitReport {
    static func render(_ results: [TestCaseResult], seconds: Double, timestamp: Date) -> String {
        let failures = results.filter { $0.outcome == .failed }.count
        let skipped = results.filter { if case .skipped = $0.outcome { true } else { false } }.count
        let totals = "tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(time(seconds))\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"refsh\" \(totals)>\n"
        let stamp = ISO8601DateFormatter().string(from: timestamp)
        xml += "  <testsuite name=\"refsh\" \(totals) timestamp=\"\(stamp)\">\n"
        for result in results {
            let folder = (result.file as NSString).deletingLastPathComponent.split(separator: "/").filter { $0 != "." && $0 != ".." }
            let classname = folder.isEmpty ? "refsh" : folder.joined(separator: ".")
            // Names as error lines write them (a control character written out), so that `name`
            // and `file` agree.
            let file = VisibleText.of(result.file)
            xml += "    <testcase classname=\"\(escape(VisibleText.of(classname)))\" name=\"\(escape(file))\" time=\"\(time(result.seconds))\""
            // Where the first error is (a file it sourced, too), for CI's annotations; else the file's top.
            let place = result.errorLocation ?? .init(file: file, line: 1)
            xml += " file=\"\(escape(place.file))\" line=\"\(place.line)\">\n"
            switch result.outcome {
            case .passed: break
            case .skipped(let reason):
                xml += "      <skipped message=\"\(escape(reason))\"/>\n"
            case .failed:
                let type = result.isAssertion ? "assertion" : "exit \(result.exitCode)"
                xml += "      <failure message=\"\(escape(result.firstError ?? "failed"))\" type=\"\(escape(type))\">"
                xml += escape(result.firstError ?? "", attribute: false) + "</failure>\n"
            }
            if !result.stdout.isEmpty { xml += "      <system-out>\(escape(result.stdout, attribute: false))</system-out>\n" }
            if !result.stderr.isEmpty { xml += "      <system-err>\(escape(result.stderr, attribute: false))</system-err>\n" }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    static func time(_ seconds: Double) -> String { String(format: "%.3f", max(0, seconds)) }

    /// Text as XML character data or an attribute value; characters XML 1.0 cannot hold at all
    /// (most control characters) become `?`.
    static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { out += "?" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
