import ReferralKit

/// The sandbox's throttle when asked for one (`refsh-sandbox serve --rate-limit N`, `sandbox
/// rate N`): a token bucket per caller (`ReferralsAPI.throttleKey`), holding N requests and refilled at N a second, so
/// a caller gets bursts of N and then N a second; beyond that the answer is the documented 429
/// with `Retry-After` (whole seconds until the bucket has a request again).
public actor RateLimiter {
    private var perSecond: Int?
    private var buckets: [String: (tokens: Double, at: Double)] = [:]
    private let now: @Sendable () -> Double

    /// - Parameters:
    ///   - perSecond: requests a second per caller; `nil` or 0: no limit.
    ///   - now: seconds on a monotonic clock (tests pass their own).
    public init(perSecond: Int? = nil, now: @escaping @Sendable () -> Double = MonotonicSeconds.now) {
        self.perSecond = perSecond.flatMap { $0 > 0 ? $0 : nil }
        self.now = now
    }

    /// The limit now, `nil` when there is none.
    public var limit: Int? { perSecond }

    /// Sets the limit (`nil` or 0 removes it); every bucket starts full again.
    public func set(_ limit: Int?) {
        perSecond = limit.flatMap { $0 > 0 ? min($0, 1_000_000) : nil }
        buckets = [:]
    }

    /// Takes a request from `key`'s bucket: `nil` when it may go on, else the whole seconds
    /// until it may (at least 1).
    public func take(_ key: String) -> Int? {
        guard let perSecond else { return nil }
        let rate = Double(perSecond)
        let time = now()
        var bucket = buckets[key] ?? (rate, time)
        bucket.tokens = min(rate, bucket.tokens + max(0, time - bucket.at) * rate)
        bucket.at = time
        defer { buckets[key] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        if buckets.count > 10_000 { buckets = [:] }  // many callers: forget the idle ones
        return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
    }

}
