import ReferralsWire

/// A transport whose requests each wait for a permit of the session's ``RequestGovernor`` and
/// report how they ended to it, so that every request of every worker shares one throttle.
public struct GovernedTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let governor: RequestGovernor

    /// `inner`, its requests governed by `governor`.
    public init(_ inner: any HTTPTransport, governor: RequestGovernor) {
        self.inner = inner
        self.governor = governor
    }

    /// Waits for a permit, sends, and reports the answer (status, `Retry-After`) to the governor.
    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        guard let ticket = await governor.acquire() else {
            throw TransportFailure(mayHaveBeenProcessed: false, "interrupted before it was sent", isPermanent: true)
        }
        do {
            let response = try await inner.send(request, timeoutSeconds: timeoutSeconds)
            let retryAfter = response.header("Retry-After").flatMap(RetryPolicy.seconds)
            await governor.release(ticket, status: response.status, retryAfter: retryAfter)
            return response
        } catch {
            await governor.release(ticket, status: nil, retryAfter: nil)
            throw error
        }
    }

    /// Shuts the inner transport down.
    public func shutdown() async { await inner.shutdown() }
}
