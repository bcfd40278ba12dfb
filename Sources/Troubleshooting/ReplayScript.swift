import Client
import Foundation
import ReferralKit
import ReferralsWire
import Synchronization

/// A recording being replayed: the exchanges in order and how far the run has got. Every
/// connection of the session answers from the one script; the request ids and correlation ids
/// the client makes are the recorded ones, so a replayed run prints what the recorded one did.
public final class ReplayScript: Sendable {
    public let recording: HARReader.Recording
    /// Where the recording came from, for messages.
    public let name: String
    private let state: Mutex<State>
    private struct State {
        /// How far each strand has got in its entries ("" the main line).
        var cursors: [String: Int] = [:]
        var answered = 0
        /// How many request ids each strand has taken.
        var requestIds: [String: Int] = [:]
        var correlationIds = 1
        var failure: String?
    }
    /// Each strand's entries in the file's order ("" the main line; everything, for a recording
    /// that names no strands: one made before strands were recorded, or by another tool).
    private let strands: [String: [Int]]
    private let namesStrands: Bool
    /// Each strand's request ids in the order its requests were first sent.
    private let requestIds: [String: [String]]
    private let correlationIds: [String]

    public init(recording: HARReader.Recording, name: String) {
        self.recording = recording
        self.name = name
        correlationIds = Self.distinct(recording.exchanges.compactMap(\.correlationId))
        state = Mutex(State())
        let namesStrands = recording.exchanges.contains { $0.strand != nil }
        self.namesStrands = namesStrands
        let strands = Dictionary(grouping: recording.exchanges.indices) { namesStrands ? recording.exchanges[$0].strand ?? "" : "" }
        self.strands = strands
        requestIds = strands.mapValues { indices in Self.distinct(indices.compactMap { recording.exchanges[$0].requestId }) }
    }

    /// The session's first correlation id: the recorded run's.
    public var firstCorrelationId: String? { correlationIds.first }

    /// The next recorded correlation id (`session --correlation-id new`), else a fresh one.
    public func nextCorrelationId() -> String {
        let index = state.withLock { state in
            defer { state.correlationIds += 1 }
            return state.correlationIds
        }
        return index < correlationIds.count ? correlationIds[index] : UUID().uuidString.lowercased()
    }

    /// The id of the next new request: the recorded run's, in order (each strand its own: a
    /// parallel loop's iteration the ids its requests had), else a fresh one.
    public func nextRequestId() -> String {
        let line = namesStrands ? RequestStrand.current ?? "" : ""
        let index = state.withLock { state in
            defer { state.requestIds[line, default: 0] += 1 }
            return state.requestIds[line, default: 0]
        }
        let ids = requestIds[line] ?? []
        return index < ids.count ? ids[index] : UUID().uuidString.lowercased()
    }

    /// The recorded answer to `request`, sent by `strand` (``RequestStrand``), or the failure
    /// that ends the run when it is not the request that strand recorded next. A parallel loop's
    /// iterations go at another pace when replayed; each takes its own entries in their order.
    public func answer(_ request: HTTPRequestData, strand: String? = nil) throws(TransportFailure) -> RecordedExchange.Outcome {
        let result: Result<RecordedExchange, TransportFailure> = state.withLock { state in
            if let failure = state.failure { return .failure(TransportFailure(mayHaveBeenProcessed: false, failure, endsRun: true)) }
            let line = namesStrands ? strand ?? "" : ""
            let entries = strands[line] ?? []
            let cursor = state.cursors[line, default: 0]
            let path = PercentEncoding.decodeTarget(AbsoluteURL(request.url)?.pathAndQuery ?? request.url).path
            let what = "replay: request \(state.answered + 1) \(request.method) \(path)"
            guard cursor < entries.count else {
                let message =
                    line.isEmpty
                    ? "\(what): the recording has no more requests (\(recording.exchanges.count) recorded)"
                    : "\(what): the recording has no more requests for this iteration (\(entries.count) recorded)"
                state.failure = message
                return .failure(TransportFailure(mayHaveBeenProcessed: false, message, endsRun: true))
            }
            let recorded = recording.exchanges[entries[cursor]]
            if let difference = RequestMatcher.difference(request, recorded, pseudonymised: recording.pseudonymised) {
                let message = "\(what) does not match the recording (entry \(recorded.entryNumber)): \(difference)"
                state.failure = message
                return .failure(TransportFailure(mayHaveBeenProcessed: false, message, endsRun: true))
            }
            state.cursors[line] = cursor + 1
            state.answered += 1
            return .success(recorded)
        }
        switch result {
        case .success(let recorded): return recorded.outcome
        case .failure(let failure): throw failure
        }
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// An ``HTTPTransport`` that answers from a ``ReplayScript``, with no network.
public struct ReplayTransport: HTTPTransport {
    let script: ReplayScript

    public init(script: ReplayScript) { self.script = script }

    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        switch try script.answer(request, strand: RequestStrand.current) {
        case .response(let response): return response
        case .failure(let failure): throw failure
        }
    }

    public func shutdown() async {}
}
