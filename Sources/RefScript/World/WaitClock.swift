import ReferralKit

/// How `wait until` tells time and waits: the monotonic clock and `Task.sleep` by default;
/// tests hand in one that steps at once.
public protocol WaitClock: Sendable {
    /// Seconds on a monotonic clock.
    func now() -> Double
    /// Waits `seconds` or until the task is cancelled (Ctrl-C).
    func sleep(seconds: Double) async
}

/// The process's monotonic clock.
public struct SystemWaitClock: WaitClock {
    private let start = ContinuousClock.now
    public init() {}

    public func now() -> Double { (ContinuousClock.now - start).inSeconds }

    public func sleep(seconds: Double) async {
        guard seconds > 0, seconds.isFinite else { return }
        try? await Task.sleep(for: .milliseconds(Int64(min(seconds, 86_400) * 1000)))
    }
}

/// A duration as scripts write it: `500ms`, `0.5s`, `2s`, `1m`, `1h` (a bare number is seconds).
public enum ScriptDuration {
    /// Why `text` is not a duration a wait takes (at most a day), if it is not one.
    public static func problem(_ text: String) -> String? {
        guard let seconds = seconds(text), seconds <= 86_400 else {
            return "takes a duration such as 500ms, 0.5s, 2s or 1m (at most a day), not '\(text)'"
        }
        return nil
    }

    /// The seconds `text` means, or `nil` when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard let value = Double(number), value.isFinite, value >= 0, !number.contains("e"), !number.contains("E") else { return nil }
            return value * scale
        }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}
