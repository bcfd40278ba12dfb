/// The session's one throttle over every request (docs/bulk.md): how many may be in flight, how
/// many a second, and the pause a `Retry-After` imposes on all of them. The interpreter sets it
/// for a parallel loop and shows it in `session`; the client's transports go through it.
public protocol RequestThrottle: Sendable {
    /// Lets up to `jobs` requests be in flight (a `for --jobs` loop; 1 again after it). The
    /// concurrency starts there and adapts between 1 and `jobs`.
    func setJobs(_ jobs: Int) async
    /// Never more than `perSecond` requests a second (`--rate`, `option rate`); `nil`: no cap.
    func setRate(_ perSecond: Double?) async
    /// What the throttle is doing now.
    func status() async -> ThrottleStatus
}

/// A snapshot of the throttle, for `session` and the progress line.
public struct ThrottleStatus: Sendable, Equatable {
    /// Requests that may be in flight now (adapted: halved on 429/503, grown back by one).
    public var concurrency: Int
    /// The most it may grow to (the running loop's `--jobs`, else 1).
    public var ceiling: Int
    /// The cap set with `--rate` / `option rate`, requests a second.
    public var rate: Double?
    /// The pace learnt from the service's 429s, requests a second; `nil` before any.
    public var learnedRate: Double?
    /// 429 answers seen this session.
    public var throttled: Int
    /// 503 answers seen this session.
    public var unavailable: Int
    /// Seconds left of a pause a `Retry-After` imposed on every request; 0 when none.
    public var pausedFor: Double

    public init(
        concurrency: Int = 1, ceiling: Int = 1, rate: Double? = nil, learnedRate: Double? = nil, throttled: Int = 0, unavailable: Int = 0,
        pausedFor: Double = 0
    ) {
        self.concurrency = concurrency
        self.ceiling = ceiling
        self.rate = rate
        self.learnedRate = learnedRate
        self.throttled = throttled
        self.unavailable = unavailable
        self.pausedFor = pausedFor
    }
}
