import ReferralsWire

/// A transport whose answers are counted by the session's ``RequestGovernor`` without anything
/// waiting for it: a replay, whose recording already holds the waits, still shows `session` the
/// 429s and 503s the recorded run drew.
public struct CountedTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let governor: RequestGovernor

    /// `inner`, its answers counted by `governor`.
    public init(_ inner: any HTTPTransport, governor: RequestGovernor) {
        self.inner = inner
        self.governor = governor
    }

    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        let response = try await inner.send(request, timeoutSeconds: timeoutSeconds)
        await governor.count(status: response.status)
        return response
    }

    public func shutdown() async { await inner.shutdown() }
}
