/// The ISO-8601 date-time shape the API uses: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
public enum DateTimeFormat {
    /// Whether `text` has that shape with plausible field values (seconds included), naming a
    /// moment of the years 1 to 9999 in UTC.
    public static func isValid(_ text: String) -> Bool { parse(text)?.hasSeconds == true }

    /// Ticks of 100 ns since 1970 of `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM` (the
    /// seconds may be left out, as OData literals may), or `nil` when `text` is not such a
    /// date-time. Digits of a fraction past the seventh are dropped. Two texts naming the same
    /// moment (`…T12:53:37Z`, `…T12:53:37.0000000Z`, `…T14:53:37+02:00`) give the same ticks, so
    /// they compare as the service compares its `DateTimeOffset` values.
    public static func ticks(_ text: String) -> Int64? { parse(text)?.ticks }

    /// The one reader of the shape, for ``isValid(_:)`` and ``ticks(_:)``.
    private static func parse(_ text: String) -> (ticks: Int64, hasSeconds: Bool)? {
        guard text.utf8.count >= 17, text.utf8.dropFirst(4).first == UInt8(ascii: "-") else { return nil }  // most strings, at once
        let bytes = Array(text.utf8)
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
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
            let minute = number(14..<16), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var hasSeconds = false
        var fraction: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = number(17..<19), value <= 60 else { return nil }  // 60: a leap second
            (second, hasSeconds, index) = (value, true, 19)
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
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        let ticks = seconds * 10_000_000 + fraction
        // What .NET's DateTimeOffset holds: years 1 to 9999 in UTC (`0001-01-01T00:00:00+01:00`
        // is in year 0, `9999-12-31T23:59:59-01:00` in year 10000; the service cannot take them).
        guard (firstTick...lastTick).contains(ticks) else { return nil }
        return (ticks, hasSeconds)
    }

    /// The ticks of 0001-01-01T00:00:00Z and of the last tick of 9999-12-31 (UTC).
    private static let firstTick = Int64(daysFromCivil(year: 1, month: 1, day: 1)) * 86_400 * 10_000_000
    private static let lastTick = Int64(daysFromCivil(year: 10000, month: 1, day: 1)) * 86_400 * 10_000_000 - 1

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether `text` is a calendar date, `YYYY-MM-DD`, of a day its month has.
    public static func isDate(_ text: String) -> Bool {
        let s = Array(text.utf8)
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
            s.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) })
        else { return false }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(s[$1] - 0x30) } }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        return (1...12).contains(month) && (1...daysIn(month, of: year)).contains(day)
    }

    /// How many days `month` (1–12) of `year` has (February 29 in leap years).
    public static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
