import ReferralKit

/// A date-time as the moment it names, for `$filter`: `2026-12-06T12:53:37Z`,
/// `2026-12-06T12:53:37.5748119Z` and `2026-12-06T14:53:37+02:00` are compared as instants, as
/// the service compares its `DateTimeOffset` properties, not as text (where a value with
/// fractional seconds sorted below the whole second it is in, and an offset never matched).
enum ODataInstant {
    /// Ticks of 100 ns since 1970 of `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`,
    /// or `nil` when `text` is not such a date-time (digits past the seventh are dropped).
    static func ticks(_ text: String) -> Int64? {
        guard text.utf8.count >= 17, text.utf8.dropFirst(4).first == UInt8(ascii: "-") else { return nil }  // most strings, at once
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), (1...12).contains(month), (1...DateTimeFormat.daysIn(month, of: year)).contains(day), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var fraction: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = number(17..<19), value < 60 else { return nil }
            second = value
            index = 19
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var digits = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    if digits < 7 { fraction = fraction * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 7) { fraction *= 10 }
            }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"), let hours = number(index + 1..<index + 3),
                let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = SandboxTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return seconds * 10_000_000 + fraction
    }
}
