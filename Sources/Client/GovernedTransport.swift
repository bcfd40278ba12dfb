import ReferralsWire

/// A transport whose requests each wait for a permit of the session's ``RequestGovernor`` and
/// report how they ended to it, so that every request of every worker shares one throttle. A
/// replay's (`waits: false`) takes no permit: its recording already holds the waits, and the
/// governor only counts the 429s and 503s it answers with, for `session`.
public struct GovernedTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let governor: RequestGovernor
    private let waits: Bool

    /// `inner`, its requests governed by `governor`; without `waits`, only counted by it.
    public init(_ inner: any HTTPTransport, governor: RequestGovernor, waits: Bool = true) {
        self.inner = inner
        self.governor = governor
        self.waits = waits
    }

    /// Waits for a permit, sends, and reports the answer (status, `Retry-After`) to the governor.
    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        // The sandbox's admin surface is never throttled (docs/sandbox.md): `sandbox requests`
        // answers even while the API's requests wait out a Retry-After.
        // (In the path: a query's value may hold that text too.)
        if request.url.prefix(while: { $0 != "?" }).contains(ReferralsRoutes.adminPrefix) {
            return try await inner.send(request, timeoutSeconds: timeoutSeconds)
        }
        guard waits else {
            let response = try await inner.send(request, timeoutSeconds: timeoutSeconds)
            await governor.count(status: response.status)
            return response
        }
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
