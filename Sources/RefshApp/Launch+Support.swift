import Foundation
import RefScript
import ReferralKit
import ReferralsWire
import SafeFiles
import Shell
import Troubleshooting

/// What the command line asks of the support tools (docs/support.md).
public struct SupportOptions: Sendable {
    /// `--trace[=FILE]`: `-` for standard error, else a file; `nil`: no trace.
    public var trace: String?
    /// `--trace-bodies`: the trace shows bodies.
    public var traceBodies = false
    /// `--record FILE.har`.
    public var record: String?
    /// `--redact-pii`.
    public var redactPII = false
    /// `--replay FILE.har`.
    public var replay: String?
    /// `--resume[=ID|list]`: `latest` for the newest unfinished session.
    public var resume: String?

    public init() {}

    /// Why these options cannot go together, before anything runs: `--replay` with `--resume`,
    /// or `--record` onto the recording `--replay` reads (the customer's evidence, which the
    /// replay's own exchanges would replace).
    public var clash: String? {
        if replay != nil, resume != nil { return "--replay and --resume cannot be used together" }
        if let record, let replay, Self.sameFile(record, replay) {
            return "--record \(record) would overwrite the recording --replay reads; record to another file"
        }
        return nil
    }

    /// Whether two paths name one file: the same path once resolved, or (both existing) the same
    /// file on the same device, as a hard link is.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let resolved = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        if resolved(a) == resolved(b) { return true }
        let identity = { (path: String) -> [Int]? in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let node = (attributes[.systemFileNumber] as? NSNumber)?.intValue, let device = (attributes[.systemNumber] as? NSNumber)?.intValue
            else { return nil }
            return [device, node]
        }
        guard let first = identity(a) else { return false }
        return first == identity(b)
    }
}

/// What the support options prepared before the session starts.
struct PreparedSupport {
    var replay: ReplayScript?
    var journal: (any SessionJournal)?
    /// The journal of the session taken up with `--resume`.
    var resumed: JSONValue?
}

extension Launch {
    /// Reads the recording to replay and the journal to resume, lists unfinished sessions for
    /// `--resume list`; a refusal is reported here and ends the run with its code.
    static func prepareSupport(_ request: inout LaunchRequest, environment: [String: String], streams: StandardStreams) -> SupportStart {
        var prepared = PreparedSupport()
        let support = request.support
        if let path = support.replay {
            switch readRecording(path) {
            case .failure(let message):
                streams.writeError("refsh: \(message)\n")
                return .stop(.usage)
            case .success(let script):
                prepared.replay = script
                if script.recording.skipped > 0 {
                    streams.writeError(
                        "refsh: replaying \(script.recording.exchanges.count) requests to the Referrals API from \(path) (written by \(script.recording.creator)); skipped \(script.recording.skipped) entries that are not requests to the Referrals API\n"
                    )
                }
                request.connection.correlationId = script.firstCorrelationId ?? request.connection.correlationId
            }
            return .ready(prepared)  // a replay is not journaled: it changes nothing anywhere
        }
        guard let directory = SessionJournalFile.directory(environment: environment) else { return .ready(prepared) }
        guard let resume = support.resume else {
            prepared.journal = SessionJournalFile(directory: directory)
            return .ready(prepared)
        }
        let unfinished = UnfinishedSessions(directory: directory).entries()
        if resume == "list" {
            if unfinished.isEmpty { streams.write("no unfinished sessions in \(directory)\n") }
            for entry in unfinished { streams.write(entry.summary + "\n") }
            return .stop(.success)
        }
        let candidates = resume == "latest" ? unfinished : unfinished.filter { $0.id == resume }
        guard let chosen = resume == "latest" ? candidates.first(where: { (try? $0.snapshot.get()) != nil }) ?? candidates.first : candidates.first
        else {
            streams.writeError(
                resume == "latest"
                    ? "refsh: no unfinished session to resume in \(directory)\n"
                    : "refsh: no unfinished session \(resume) (refsh --resume list shows them)\n")
            return .stop(.usage)
        }
        switch chosen.snapshot {
        case .failure(let error):
            streams.writeError(
                "refsh: cannot resume \(chosen.id): the journal \(chosen.path) cannot be read: \(error.message); it is kept as it is\n")
            return .stop(.usage)
        case .success(let snapshot):
            do {
                prepared.journal = try SessionJournalFile(adopting: chosen.id, in: directory)
            } catch {
                streams.writeError("refsh: cannot resume \(chosen.id): \(error.message)\n")
                return .stop(.usage)
            }
            // Read again under the lock: another refsh may have taken it up (and finished) since.
            guard case .success(let current) = UnfinishedSessions.read(chosen.path), current == snapshot else {
                streams.writeError("refsh: cannot resume \(chosen.id): another refsh took it up meanwhile\n")
                return .stop(.usage)
            }
            prepared.resumed = current
        }
        return .ready(prepared)
    }

    /// The recording at `path` for replay, or why it cannot be replayed (`FILE:LINE:COLUMN: …`).
    static func readRecording(_ path: String) -> Result<ReplayScript, ReplayRefusal> {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { return .failure(ReplayRefusal("cannot read the recording \(path): no such file")) }
        guard size <= HARReader.maximumBytes else {
            return .failure(ReplayRefusal("\(path): the recording is \(size) bytes, more than the \(HARReader.maximumBytes) bytes refsh replays"))
        }
        let data: [UInt8]
        switch BoundedReader.readFile(path, limit: HARReader.maximumBytes) {
        case .success(let bytes): data = bytes
        case .failure(let failure): return .failure(ReplayRefusal("cannot read the recording \(path): \(failure.message)"))
        }
        do {
            return .success(ReplayScript(recording: try HARReader.read(data), name: path))
        } catch {
            let place = error.line.map { ":\($0):\(error.column ?? 1)" } ?? ""
            return .failure(ReplayRefusal("\(path)\(place): error: \(error.message)"))
        }
    }

    /// Starts `--trace` and `--record`; the exit code when they cannot start.
    static func startTraffic(_ support: SupportOptions, traffic: TrafficSupport, streams: StandardStreams) async -> ExitCode? {
        if let trace = support.trace {
            do {
                try traffic.setTrace(TraceSettings(isOn: true, showsBodies: support.traceBodies, file: trace == "-" ? nil : trace))
            } catch {
                streams.writeError("refsh: cannot trace to \(trace): \(error.message)\n")
                return .usage
            }
        }
        if let record = support.record {
            do {
                try await traffic.startRecording(to: record, redactPII: support.redactPII)
            } catch {
                streams.writeError("refsh: cannot record to \(record): \(error.message)\n")
                return .usage
            }
        }
        return nil
    }

    /// At an interactive start: says when earlier sessions ended with edits unsent, and how to
    /// take them up.
    static func noticeUnfinishedSessions(streams: StandardStreams, environment: [String: String]) {
        guard let directory = SessionJournalFile.directory(environment: environment) else { return }
        let unfinished = UnfinishedSessions(directory: directory).entries()
        guard let newest = unfinished.first else { return }
        let more = unfinished.count > 1 ? " (and \(unfinished.count - 1) more: refsh --resume list)" : ""
        streams.writeError("refsh: an earlier session ended with unsent edits: \(newest.summary)\(more); refsh --resume takes it up\n")
    }
}

/// How the session starts after the support options: with what they prepared, or not at all.
enum SupportStart {
    case ready(PreparedSupport)
    case stop(ExitCode)
}

/// Why a recording cannot be replayed, in one line.
struct ReplayRefusal: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension ReplayRefusal: CustomStringConvertible {
    var description: String { message }
}
