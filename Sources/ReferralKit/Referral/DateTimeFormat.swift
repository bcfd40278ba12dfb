/// The ISO-8601 date-time shape the API uses: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
public enum DateTimeFormat {
    /// Whether `text` has that shape with plausible field values.
    public static func isValid(_ text: String) -> Bool {
        let s = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard s[i] >= 0x30, s[i] <= 0x39 else { return nil }
                value = value * 10 + Int(s[i] - 0x30)
            }
            return value
        }
        func byte(_ i: Int) -> UInt8? { i < s.count ? s[i] : nil }
        guard let year = digits(0, 4), byte(4) == UInt8(ascii: "-"), let month = digits(5, 2), (1...12).contains(month),
            byte(7) == UInt8(ascii: "-"), let day = digits(8, 2), (1...daysIn(month, of: year)).contains(day),
            byte(10) == UInt8(ascii: "T") || byte(10) == UInt8(ascii: "t"),
            let hour = digits(11, 2), hour < 24, byte(13) == UInt8(ascii: ":"),
            let minute = digits(14, 2), minute < 60, byte(16) == UInt8(ascii: ":"),
            let second = digits(17, 2), second < 61
        else { return false }
        var i = 19
        if byte(i) == UInt8(ascii: ".") {
            i += 1
            let start = i
            while let b = byte(i), b >= 0x30, b <= 0x39 { i += 1 }
            if i == start { return false }
        }
        if byte(i) == UInt8(ascii: "Z") || byte(i) == UInt8(ascii: "z") { return i + 1 == s.count }
        guard byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-"),
            let offsetHours = digits(i + 1, 2), offsetHours < 24, byte(i + 3) == UInt8(ascii: ":"),
            let offsetMinutes = digits(i + 4, 2), offsetMinutes < 60
        else { return false }
        return i + 6 == s.count
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
