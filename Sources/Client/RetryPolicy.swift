import ReferralKit

/// When and how long to wait before sending a request again: exponential backoff with full
/// jitter; with the server's `Retry-After`, that wait first, then doubling for each answer that
/// asks again (the throttling guidance: wait Retry-After, then back off exponentially).
public struct RetryPolicy: Sendable, Equatable {
    /// Sends at most this many times in all.
    public var maximumAttempts: Int
    /// The first backoff, in seconds; each later one doubles, up to ``maximumDelay``.
    public var baseDelay: Double
    public var maximumDelay: Double
    /// A `Retry-After` longer than this is not waited for: the error is reported instead.
    public var maximumRetryAfter: Double

    public init(maximumAttempts: Int = 5, baseDelay: Double = 0.25, maximumDelay: Double = 8, maximumRetryAfter: Double = 60) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Statuses that mean "not processed, try again later".
    public static let retryableStatuses: Set<Int> = [429, 503]

    /// The wait before attempt `attempt + 1` (attempt counts from 1); `retryAfter` is the
    /// server's header value, and `askedBefore` how many earlier answers to the same request
    /// carried one; `random` is uniform in 0..<1. `nil`: do not retry.
    public func delay(afterAttempt attempt: Int, retryAfter: String?, askedBefore: Int = 0, random: Double) -> Double? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter, let seconds = Self.seconds(retryAfter) {
            guard seconds <= maximumRetryAfter else { return nil }
            // Asked to wait again: the wait doubles for each time before (a Retry-After of 0
            // counts as 1 s), up to the longest one waited for.
            guard askedBefore > 0 else { return seconds }
            return min(max(seconds, 1) * Double(1 << min(askedBefore, 20)), max(seconds, maximumRetryAfter))
        }
        let ceiling = min(maximumDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return ceiling / 2 + random * ceiling / 2
    }

    /// A `Retry-After` value in seconds (delta-seconds form; an HTTP date counts as 1 s, since
    /// refsh keeps no clock of the server's).
    static func seconds(_ value: String) -> Double? {
        let trimmed = value.trimming(" \t")
        if let whole = Int(trimmed), whole >= 0 { return Double(whole) }
        return trimmed.isEmpty ? nil : 1
    }
}

/// Waits; a seam so tests and benchmarks need not sleep for real.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double) async
}

/// Sleeps with `Task.sleep`.
public struct TaskSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Double) async {
        guard seconds > 0 else { return }
        try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
