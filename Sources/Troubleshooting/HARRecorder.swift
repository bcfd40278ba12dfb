import ReferralKit
import ReferralsWire
import SafeFiles

/// Keeps a HAR 1.2 recording of the session's exchanges in a file that is a whole, valid HAR at
/// every moment: each exchange is written in place over the closing `]}}`, with the closing
/// brackets after it, in one write (``TailAppender``; writing the whole file anew after every
/// exchange made a bulk loop's recording cost time in the square of its length); the file is
/// flushed to disk when the recording ends. Every entry is redacted on its way in
/// (``ExchangeRedactor``), with pseudonyms of its own when contact data is to be replaced, so
/// they are stable within the file. When the file cannot be written in place (removed, replaced,
/// a full disk), it is written whole, beside itself and renamed into place (``SafeFileWriter``);
/// a write that fails is reported once and tried again after the next exchange, the entries
/// kept in memory meanwhile.
public actor HARRecorder {
    public nonisolated let path: String
    public nonisolated let redactsPII: Bool
    private let redactor: ExchangeRedactor
    private let creatorVersion: String
    private let problem: @Sendable (String) -> Void
    /// Each entry, printed once, on a line of its own.
    private var entries: [String] = []
    /// How many secrets the keeper held when the newest entry was added.
    private var secretsAtLastEntry = 0
    private var failing = false
    /// The file, open to be written in place; `nil` until it is written whole again.
    private var appender: TailAppender?
    /// How the file ends, after the last entry.
    private static let closing = "\n]}}\n"

    /// - Parameters:
    ///   - problem: told, once per run of failed writes, why the file could not be written.
    public init(path: String, creatorVersion: String, keeper: SecretKeeper, redactsPII: Bool, problem: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.redactsPII = redactsPII
        redactor = ExchangeRedactor(keeper: keeper, pseudonyms: redactsPII ? PIIPseudonyms() : nil)
        self.creatorVersion = creatorVersion
        self.problem = problem
    }

    /// Writes the empty recording: a path that cannot be written fails here, before any request.
    public func start() throws(SafeWriteError) {
        try SafeFileWriter.write(Array(text().utf8), to: path, mode: 0o600)
        appender = try? TailAppender(path: path)
    }

    /// Adds the exchange and writes it to the file.
    public func append(_ record: ExchangeRecord) {
        append(entry: entry(for: record))
    }

    /// The recording's entry for `record`: redacted and printed, outside the recorder, so that a
    /// parallel loop's workers make theirs side by side (made inside, they were half a recorded
    /// bulk loop's time, on one thread); only the writes take turns.
    public nonisolated func entry(for record: ExchangeRecord) -> String {
        JSONPrinter.compact.print(HAREntry.json(redactor.redact(record), redact: { redactor.text($0) }))
    }

    /// Adds an entry made by ``entry(for:)`` and writes it to the file.
    public func append(entry: String) {
        entries.append(entry)
        secretsAtLastEntry = redactor.keeper.count
        if !failing, let appender {
            do {
                let separator = entries.count > 1 ? ",\n" : ""
                try appender.replaceTail(Self.closing.utf8.count, with: Array((separator + entry + Self.closing).utf8))
                return
            } catch {
                self.appender = nil  // written whole below
            }
        }
        flush()
    }

    /// How many exchanges are recorded.
    public var count: Int { entries.count }

    /// Writes the file one last time; the error when it cannot be written. An entry that holds a
    /// secret the session learnt after it was written (a value the script made its token later)
    /// is redacted now, and the file written whole.
    public func finish() throws(SafeWriteError) {
        // Only when the keeper learnt a secret after the newest entry was redacted (going over a
        // bulk run's recording again doubled what it cost); an entry is taken as redacted only
        // while it stays JSON (a secret with a `\\` in it could take half of an escape with it).
        let redone =
            redactor.keeper.count == secretsAtLastEntry
            ? entries
            : entries.map { entry in
                let redacted = redactor.keeper.redact(entry)
                return redacted == entry || JSONParser.parseIfPossible(Array(redacted.utf8)) == nil ? entry : redacted
            }
        if redone != entries {
            entries = redone
            appender = nil
        }
        if !failing, let appender, (try? appender.sync()) != nil {
            self.appender = nil
            return
        }
        appender = nil
        try SafeFileWriter.write(Array(text().utf8), to: path, mode: 0o600)
        failing = false
    }

    /// Writes the file whole, then opens it to be written in place again.
    private func flush() {
        do {
            try SafeFileWriter.write(Array(text().utf8), to: path, mode: 0o600)
            if failing { problem("refsh: the recording \(path) is written again, with every exchange") }
            failing = false
            appender = try? TailAppender(path: path)
        } catch {
            if !failing {
                problem("refsh: cannot write the recording \(path): \(error.message); it is kept in memory and written after the next request")
            }
            failing = true
        }
    }

    /// What the recording's `comment` says was taken out.
    public nonisolated var comment: String {
        var comment =
            "Recorded by refsh. Redacted: Authorization and cookie headers; every bearer, refresh and id token and device code the session held, raw, percent-encoded, JSON-escaped, hex, base64 and folded to one case, and any 16 characters or more of one; token fields in bodies."
        if redactsPII {
            comment +=
                " Customer contact data (names, emails, phone numbers and street addresses in customerProfile and team) is replaced by pseudonyms, stable within this file."
        }
        return comment
    }

    private func text() -> String {
        var log = JSONObject()
        log["version"] = "1.2"
        log["creator"] = ["name": "refsh", "version": .string(creatorVersion)]
        log["comment"] = .string(comment)
        log["pages"] = []
        let head = JSONPrinter.compact.print(.object(log))
        // `{"version":…,"pages":[]}` → `{"log":{…,"entries":[ …entries… ]}}`
        return "{\"log\":" + head.dropLast() + ",\"entries\":[\n" + entries.joined(separator: ",\n") + Self.closing
    }
}
