import Client
import Foundation
import ReferralKit
import ReferralsWire
import Synchronization

/// An ``HTTPTransport`` that hands every exchange it carries, failed ones too, to an
/// ``ExchangeTap`` (trace, recording) after it is complete and before the client sees it.
public struct TappedTransport: HTTPTransport {
    let inner: any HTTPTransport
    let tap: ExchangeTap
    let kind: ExchangeRecord.Kind
    let attempts = AttemptCounter()

    public init(_ inner: any HTTPTransport, tap: ExchangeTap, kind: ExchangeRecord.Kind = .api) {
        self.inner = inner
        self.tap = tap
        self.kind = kind
    }

    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        let attempt = attempts.next(for: request.header(HeaderName.requestId))
        guard tap.isActive else { return try await inner.send(request, timeoutSeconds: timeoutSeconds) }
        let started = Date().timeIntervalSince1970
        let clock = ContinuousClock.now
        let outcome: ExchangeRecord.Outcome
        do {
            outcome = .response(try await inner.send(request, timeoutSeconds: timeoutSeconds))
        } catch {
            outcome = .failure(error)
        }
        let duration = (ContinuousClock.now - clock).inSeconds
        await tap.observe(
            ExchangeRecord(
                kind: kind, started: started, duration: duration, attempt: attempt, request: request, outcome: outcome,
                strand: RequestStrand.current))
        switch outcome {
        case .response(let response): return response
        case .failure(let failure): throw failure
        }
    }

    public func shutdown() async { await inner.shutdown() }
}

/// Counts the times each `MS-RequestId` was sent (the client keeps the id on a retry); it keeps
/// the most recent ids only, so a long session does not grow it.
final class AttemptCounter: Sendable {
    private let counts = Mutex<(byId: [String: Int], order: [String])>(([:], []))
    static let kept = 256

    /// The attempt number of this sending of the request with `id` (1 without an id).
    func next(for id: String?) -> Int {
        guard let id, !id.isEmpty else { return 1 }
        return counts.withLock { state in
            if let count = state.byId[id] {
                state.byId[id] = count + 1
                return count + 1
            }
            state.byId[id] = 1
            state.order.append(id)
            if state.order.count > Self.kept {
                let dropped = state.order.removeFirst()
                state.byId[dropped] = nil
            }
            return 1
        }
    }
}
