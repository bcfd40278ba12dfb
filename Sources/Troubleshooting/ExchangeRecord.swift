import Client

/// One HTTP exchange as the transport saw it: the request as sent (its `Authorization` still in
/// it: redactors take it out), the response or the failure, when it started and how long it took.
public struct ExchangeRecord: Sendable {
    /// How the exchange ended.
    public enum Outcome: Sendable {
        case response(HTTPResponseData)
        case failure(TransportFailure)
    }

    /// Which side of the service the request went to.
    public enum Kind: Sendable, Equatable {
        /// The Referrals API (and a sandbox's admin surface).
        case api
        /// Microsoft Entra ID (sign-in): traced, never recorded.
        case identity
    }

    public var kind: Kind
    /// Seconds since 1970 when the request was handed to the network.
    public var started: Double
    /// Seconds until the answer (or the failure) was complete.
    public var duration: Double
    /// 1 for the first time this request (by `MS-RequestId`) is sent, 2 for its first retry, ...
    public var attempt: Int
    public var request: HTTPRequestData
    public var outcome: Outcome
    /// The strand of the run that sent it (``RequestStrand``), `nil` for the main line.
    public var strand: String?

    public init(
        kind: Kind, started: Double, duration: Double, attempt: Int, request: HTTPRequestData, outcome: Outcome, strand: String? = nil
    ) {
        self.strand = strand
        self.kind = kind
        self.started = started
        self.duration = duration
        self.attempt = attempt
        self.request = request
        self.outcome = outcome
    }

    /// The response, when one came.
    public var response: HTTPResponseData? {
        if case .response(let response) = outcome { return response }
        return nil
    }
}
