import Foundation
import ReferralKit

/// Times as the API writes them (UTC ISO-8601, `2024-01-31T08:15:00.0000000Z`), read into
/// seconds since 1970 and written back, for the sandbox's clock and its server-maintained dates.
public enum SandboxTime {
    /// Seconds since 1970 of `text` (`YYYY-MM-DDTHH:MM:SS`, optional fraction, `Z`), or `nil`.
    public static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes.last == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            guard let digits = number(20..<(bytes.count - 1)) else { return nil }
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
    }

    /// `seconds` since 1970 as the API writes a time, with 7 fractional digits.
    public static func text(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let ticks = min(9_999_999, Int(((seconds - Double(whole)) * 10_000_000).rounded()))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let rest = whole - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))."
            + pad(ticks, 7) + "Z"
    }

    /// The instants (seconds since 1970) a date with a four-digit year can name: 0001-01-01 to
    /// the end of 9999.
    public static let writableRange: Range<Double> = {
        let first = daysFromCivil(year: 1, month: 1, day: 1)
        let end = daysFromCivil(year: 10_000, month: 1, day: 1)
        return Double(first * 86_400)..<Double(end * 86_400)
    }()

    /// A shift such as `+15d`, `-2h`, `30m`, `+90s` in seconds, or `nil`.
    public static func shift(_ text: String) -> Double? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = 1.0
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        guard let unit = body.last, let amount = Double(body.dropLast()), amount >= 0, amount.isFinite else { return nil }
        let scale: Double
        switch unit {
        case "d": scale = 86_400
        case "h": scale = 3600
        case "m": scale = 60
        case "s": scale = 1
        default: return nil
        }
        return sign * amount * scale
    }

    /// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int { DateTimeFormat.daysFromCivil(year: year, month: month, day: day) }

    /// The date `days` after 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
