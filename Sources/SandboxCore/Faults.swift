import ReferralKit

/// A fault the sandbox can inject, for tests and demos of retries and lost responses.
public enum FaultEffect: Sendable, Equatable {
    /// Delay the answer.
    case latency(milliseconds: Int)
    /// Answer with this status instead (429 carries `Retry-After` seconds).
    case status(Int, retryAfter: Int?)
    /// Close the connection before the request reaches the API (nothing is written).
    case dropBeforeWrite
    /// Let the API answer (and commit), then close the connection without sending the answer.
    case dropAfterWrite

    /// Whether the effect decides what the request gets instead of the API's answer.
    var decidesTheAnswer: Bool {
        switch self {
        case .status, .dropBeforeWrite: true
        case .latency, .dropAfterWrite: false
        }
    }
}

/// One rule: an effect, applied to a fraction of requests or to the next N.
public struct FaultRule: Sendable, Equatable, CustomStringConvertible {
    public enum When: Sendable, Equatable {
        case rate(Double)
        case next(Int)
    }
    public var effect: FaultEffect
    public var when: When

    public var description: String {
        let effect: String
        switch self.effect {
        case .latency(let ms): effect = "latency:\(ms)"
        case .status(let code, let retryAfter?): effect = "\(code):\(retryAfter)"
        case .status(let code, nil): effect = "\(code)"
        case .dropBeforeWrite: effect = "drop-before"
        case .dropAfterWrite: effect = "drop-after"
        }
        switch when {
        case .rate(let rate): return "\(effect)@\(rate)"
        case .next(let n): return "\(effect)@next\(n)"
        }
    }

    /// Reads `EFFECT@WHEN[,EFFECT@WHEN…]`: EFFECT is `latency:MS`, a status (`401`, `403`, `408`,
    /// `409`, `429[:RETRY_AFTER]`, `500`, `502`, `503`, `504`), `drop-before` or `drop-after`;
    /// WHEN is a rate from 0 to 1 or `nextN`.
    public static func parse(_ spec: String) throws(FaultSpecError) -> [FaultRule] {
        try spec.split(separator: ",").map { (item) throws(FaultSpecError) -> FaultRule in
            let text = item.trimming(" ")
            let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw FaultSpecError("'\(text)': write EFFECT@WHEN, such as 503@0.1 or 429@next3") }
            let effectParts = parts[0].split(separator: ":", maxSplits: 1).map(String.init)
            let effect: FaultEffect
            switch effectParts[0] {
            case "latency":
                guard effectParts.count == 2, let ms = Int(effectParts[1]), (0...60_000).contains(ms) else {
                    throw FaultSpecError("'\(text)': latency needs milliseconds from 0 to 60000, as latency:200")
                }
                effect = .latency(milliseconds: ms)
            case "401", "403", "408", "409", "429", "500", "502", "503", "504":
                let retryAfter = effectParts.count == 2 ? Int(effectParts[1]) : (effectParts[0] == "429" ? 1 : nil)
                if effectParts.count == 2, retryAfter.map({ !(0...86_400).contains($0) }) ?? true {
                    throw FaultSpecError("'\(text)': Retry-After must be whole seconds, 0 to 86400")
                }
                effect = .status(Int(effectParts[0]) ?? 500, retryAfter: retryAfter)
            case "drop-before": effect = .dropBeforeWrite
            case "drop-after": effect = .dropAfterWrite
            default:
                throw FaultSpecError(
                    "'\(text)': unknown fault '\(effectParts[0])' (latency:MS, 401, 403, 408, 409, 429[:S], 500, 502, 503, 504, drop-before, drop-after)"
                )
            }
            let when: When
            if parts[1].hasPrefix("next"), let n = Int(parts[1].dropFirst(4)), n > 0 {
                when = .next(n)
            } else if let rate = Double(parts[1]), (0...1).contains(rate) {
                when = .rate(rate)
            } else {
                throw FaultSpecError("'\(text)': WHEN is a rate from 0 to 1 or nextN, not '\(parts[1])'")
            }
            return FaultRule(effect: effect, when: when)
        }
    }
}

/// A fault specification that cannot be read.
public struct FaultSpecError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The faults in force; decides per request which effects apply. Off (no rules) by default.
public actor FaultInjector {
    private var rules: [FaultRule] = []
    private var random: SplitMix64

    public init(rules: [FaultRule] = [], seed: UInt64 = 7) {
        self.rules = rules
        random = SplitMix64(seed: seed)
    }

    public func set(_ rules: [FaultRule]) { self.rules = rules }
    public var current: [FaultRule] { rules }

    /// The effects for one request; `next` rules count down and expire. A request gets one
    /// status, so `next` rules that answer with a status take their turns in the order given
    /// (`429@next1,503@next1`: a 429, then a 503) instead of all expiring on the first request.
    public func effects() -> [FaultEffect] {
        var effects: [FaultEffect] = []
        // Whether a status or a drop before the API already decides this request's answer.
        var answered = false
        // Rate rules first: they draw from the seeded sequence in the order given, as they always did.
        for rule in rules {
            guard case .rate(let rate) = rule.when else { continue }
            if Double(random.next() % 1_000_000) / 1_000_000 < rate {
                effects.append(rule.effect)
                answered = answered || rule.effect.decidesTheAnswer
            }
        }
        for index in rules.indices {
            guard case .next(let n) = rules[index].when, n > 0 else { continue }
            if rules[index].effect.decidesTheAnswer {
                guard !answered else { continue }  // its turn comes with a later request
                answered = true
            }
            effects.append(rules[index].effect)
            rules[index].when = .next(n - 1)
        }
        rules.removeAll { $0.when == .next(0) }
        return effects
    }
}
