/// The one-line progress of a parallel loop, as text (docs/bulk.md):
/// `[#######·········]  1,234/10,000  412/s  ETA 21 s  2 failed  jobs 8/8`.
public struct ProgressLine: Sendable, Equatable {
    /// Iterations finished without a failure, and with one.
    public var done: Int
    /// Iterations the loop runs in all.
    public var total: Int
    /// Iterations that failed.
    public var failed: Int
    /// Seconds since the loop started.
    public var elapsed: Double
    /// The throttle's concurrency now, and the loop's `--jobs`.
    public var concurrency: Int
    /// The loop's `--jobs`.
    public var jobs: Int

    /// A line with these counts.
    public init(done: Int, total: Int, failed: Int, elapsed: Double, concurrency: Int, jobs: Int) {
        self.done = done
        self.total = total
        self.failed = failed
        self.elapsed = elapsed
        self.concurrency = concurrency
        self.jobs = jobs
    }

    static let barWidth = 20

    /// The line, without a newline.
    public var text: String {
        let finished = done + failed
        let filled = total > 0 ? min(Self.barWidth, finished * Self.barWidth / total) : 0
        var parts = ["[" + String(repeating: "#", count: filled) + String(repeating: "·", count: Self.barWidth - filled) + "]"]
        parts.append("\(Self.count(finished))/\(Self.count(total))")
        let rate = elapsed > 0 ? Double(finished) / elapsed : 0
        if rate > 0 {
            parts.append("\(Self.number(rate))/s")
            parts.append("ETA " + Self.duration(Double(total - finished) / rate))
        }
        if failed > 0 { parts.append("\(Self.count(failed)) failed") }
        parts.append("jobs \(concurrency)/\(jobs)")
        return parts.joined(separator: "  ")
    }

    /// `7,998`: a count with thousands separators.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A rate: whole with separators from 100 up (`1,234`), else one decimal (`8.5`).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        if value >= 100 || value == value.rounded() { return count(Int(value.rounded())) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }
}
