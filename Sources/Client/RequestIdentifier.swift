/// Random (version 4) UUIDs in lower case, as `MS-RequestId` carries one per request.
///
/// Drawn from the standard library's system generator (the `getrandom` call), where Foundation's
/// `UUID()` on Linux opens, reads and closes /dev/urandom for each one: three system calls per
/// request, which showed in a bulk loop's profile.
public enum RequestIdentifier {
    /// A new random identifier, such as `3f2c1d9e-8b7a-4c6d-9e5f-0a1b2c3d4e5f`.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return format(high: generator.next(), low: generator.next())
    }

    /// The UUID of 128 random bits, with the version (4) and variant (RFC 9562) bits set.
    static func format(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000  // version 4: the 13th hex digit
        let low = (low & ~(0xC000 << 48)) | (0x8000 << 48)  // variant 10xx: the 17th hex digit
        var digits: [UInt8] = []
        digits.reserveCapacity(36)
        let hex = Array("0123456789abcdef".utf8)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                let position = index * 16 + nibble
                if position == 8 || position == 12 || position == 16 || position == 20 { digits.append(UInt8(ascii: "-")) }
                digits.append(hex[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)])
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
