extension Duration {
    /// The duration in seconds, as a `Double` (for timings and clocks that count in seconds).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
