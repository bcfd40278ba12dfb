import ReferralKit

/// The rules of `for --jobs N --journal FILE` (docs/bulk.md) that need no session: what `--jobs`
/// accepts, which items a loop may run over, what key an item is journaled by, and the summary.
enum ParallelLoop {
    /// The most iterations a loop runs at a time.
    static let maximumJobs = 64

    /// `--jobs`'s value as a count, or the one-line error: a syntax error for a literal, a
    /// command's failure for a value worked out while running.
    static func jobs(_ value: JSONValue, at location: SourceLocation?, kind: RefScriptError.Kind = .command) throws(RefScriptError) -> Int {
        if let jobs = value.numberValue?.intValue, (1...maximumJobs).contains(jobs) { return jobs }
        throw RefScriptError(kind, "for --jobs takes a whole number from 1 to \(maximumJobs), not \(Interpreter.rawText(value))", at: location)
    }

    /// The items of a parallel loop: its words, or the one array it was given; a single value that
    /// is not an array is refused (a plain loop would run once over it, which is rarely meant here).
    static func items(_ values: [JSONValue], from words: [Argument], at location: SourceLocation) throws(RefScriptError) -> [JSONValue] {
        guard values.count == 1, let only = values.first else { return values }
        if case .array(let elements) = only { return elements }
        throw RefScriptError(
            .command, "for --jobs: \(words[0].word.raw) is \(article(only.kindName)), not a list (write [\(words[0].word.raw)] for one item)",
            at: location)
    }

    private static func article(_ type: String) -> String {
        type == "null" ? "null" : (type.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + type
    }

    /// What an item is journaled and summarised by: a string itself, an object its `id`, other
    /// values their JSON text; `nil` for an object without a string `id`.
    static func key(of item: JSONValue) -> String? {
        switch item {
        case .string(let text): text
        case .object(let object): object["id"]?.stringValue
        default: JSONPrinter.compact.print(item)
        }
    }

    /// `7,998 done, 2 failed` and a line per failure with its item and error; then how many were
    /// stopped part-way (an interruption) and never started, and why.
    static func summary(
        done: Int, failures: [(key: String, message: String)], stopped: Int = 0, notStarted: Int, reason: String = "errexit is on"
    ) -> String {
        var text = "for: \(ProgressLine.count(done)) done, \(ProgressLine.count(failures.count)) failed"
        if stopped > 0 { text += ", \(ProgressLine.count(stopped)) stopped" }
        if notStarted > 0 { text += ", \(ProgressLine.count(notStarted)) not started" }
        if stopped > 0 || notStarted > 0 { text += " (\(reason))" }
        text += "\n"
        for failure in failures { text += "  \(failure.key): \(failure.message)\n" }
        return text
    }
}

/// How one iteration of a parallel loop ended, with what it printed.
struct IterationOutcome: Sendable {
    var index: Int
    var output: OutputCapture
    /// Its flow: a stop (errexit, `exit`, interruption) or a failure for an enclosing `try`.
    var flow: Interpreter.Flow
    /// The first error it reported, if any (with errexit off, the iteration ran on past it).
    var failure: RefScriptError?
    var exitRequested: Bool
    /// Why it ended the script with `skip`, if it did.
    var skipReason: String?
    /// The referral ids it saw, for the session's completion and short ids.
    var seen: SeenInIteration

    var failed: Bool {
        if failure != nil { return true }
        switch flow {
        case .next: return false
        case .stop(let code): return code != .success
        case .failed: return true
        }
    }
}

/// An interpreter handed to one iteration's task.
///
/// `@unchecked Sendable`: each iteration gets its own copy (its own working copy, variables and
/// undo history); what the copies share is the session's thread-safe machinery (the service,
/// the secret keeper, the throttle) and the output, which inside an iteration goes to its own
/// ``OutputCapture`` (docs/bulk.md).
struct IterationInterpreter: @unchecked Sendable {
    var interpreter: Interpreter
}
