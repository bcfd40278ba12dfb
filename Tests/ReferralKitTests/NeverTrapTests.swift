import Testing

@testable import ReferralKit

/// The JSON, path and pointer parsers take any bytes and answer with a value or a positioned
/// error, never a trap.
@Suite struct ParsersNeverTrapTests {
    static let pieces: [[UInt8]] = [
        Array(#"{"a": [1, 2.5e3, -0, true, null, "x\"y\u00e9"]}"#.utf8), Array("[[[[".utf8), Array("]]}}".utf8),
        Array(#"\ud800"#.utf8), [0xFF], [0xC3], [0xE2, 0x82], [0x00], Array("1e999999999999999999".utf8),
        Array(#""\"#.utf8), Array(",".utf8), Array(":".utf8), Array("team[-1].x".utf8), Array("'odd".utf8),
        Array("/a~".utf8), Array("@odata.x[".utf8), Array("é🎉".utf8),
    ]

    @Test func randomBytesNeverTrap() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(6) { bytes += Self.pieces[next(Self.pieces.count)] }
            do {
                _ = try JSONParser.parse(bytes: bytes)
            } catch {
                #expect(error.line >= 1 && error.column >= 1 && error.offset <= bytes.count)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try JSONPathParser.parse(text)
            } catch {
                #expect(error.column >= 1)
            }
            _ = try? JSONPathParser.parsePointer(text)
            _ = JSONNumber(literal: text).map { ($0.intValue, $0.doubleValue, $0 == JSONNumber(1)) }
        }
    }
}
