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
        (ContinuousClock.now - origin).inSeconds
    }
    private static let origin = ContinuousClock.now
}
