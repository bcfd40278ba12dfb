extension Duration {
    /// The duration in seconds, as a `Double` (for timings and clocks that count in seconds).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Seconds on the monotonic clock since an arbitrary start in this process: what throttles and
/// pacing measure time with (a wall clock can jump).
public enum MonotonicSeconds {
    /// Seconds since this process first asked.
    public static let now: @Sendable () -> Double = {
        // The origin first: on the first call, reading the clock before the origin is set would
        // give a time before zero (a `session` then showed a pause of 1 s that was not there).
        let start = origin
        return (ContinuousClock.now - start).inSeconds
    }
    private static let origin = ContinuousClock.now
}
