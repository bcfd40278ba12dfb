import ReferralKit
import Testing

@testable import RefScript

/// The `list` table lines its columns up as a terminal shows them: wide (CJK, emoji) characters
/// take two columns, a letter with combining marks one.
@Suite struct ReferralTableTests {
    func referral(_ id: String, _ name: String) -> JSONValue {
        [
            "id": .string(id), "status": "New", "substatus": "Pending", "details": ["dealValue": 100, "currency": "USD"],
            "customerProfile": ["name": .string(name)], "updatedDateTime": "2026-12-06T10:00:00Z",
        ]
    }

    @Test func columnsLineUpByDisplayWidth() {
        let names = ["Contoso", "株式会社テスト", "Café 🚀 e\u{301}te", "한국 회사"]
        let table = ReferralTable.render(names.enumerated().map { referral("r\($0.offset)", $0.element) })
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // Where UPDATED starts, in display columns, is the same on every line.
        let starts = lines.map { line in DisplayWidth.of(String(line[..<(line.range(of: "UPDATED") ?? line.range(of: "2026-12-06")!).lowerBound])) }
        #expect(Set(starts).count == 1, "\(table)")
    }

    @Test func aLongNameIsCutToFortyColumns() {
        let row = ReferralTable.row(referral("r1", String(repeating: "漢", count: 30)))
        #expect(DisplayWidth.of(row[3]) == 40)
        #expect(row[3].count == 20)
        #expect(DisplayWidth.of("e\u{301}") == 1 && DisplayWidth.of("🚀") == 2 && DisplayWidth.of("a") == 1)
        // Zero-width characters take no column; a symbol drawn as text (🌡 without FE0F) one.
        #expect(DisplayWidth.of("a\u{200B}b\u{FEFF}") == 2 && DisplayWidth.of("\u{1F321}") == 1 && DisplayWidth.of("\u{1F321}\u{FE0F}") == 2)
    }
}
