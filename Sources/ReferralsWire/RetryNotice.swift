/// A request about to be sent again: why, after how long, and which attempt it will be.
public struct RetryNotice: Sendable, Equatable {
    public var method: String
    /// The path and query.
    public var path: String
    /// The status that asked for the retry (429, 503), or `nil` when no answer came.
    public var status: Int?
    /// The status's reason phrase, or what the transport said (`no response in time`).
    public var reason: String
    public var delaySeconds: Double
    /// The attempt that follows the wait (2 for the first retry).
    public var nextAttempt: Int
    public var maximumAttempts: Int

    public init(method: String, path: String, status: Int?, reason: String, delaySeconds: Double, nextAttempt: Int, maximumAttempts: Int) {
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason
        self.delaySeconds = delaySeconds
        self.nextAttempt = nextAttempt
        self.maximumAttempts = maximumAttempts
    }
}

/// Told about what a service does while a call is in progress (retries), so the user sees
/// why a command takes longer. Called on the service's own executor.
public protocol ServiceObserver: Sendable {
    /// A request will be sent again after `notice.delaySeconds`.
    func retrying(_ notice: RetryNotice)
}
