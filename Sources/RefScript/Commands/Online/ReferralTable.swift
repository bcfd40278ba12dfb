import ReferralKit
import ReferralsWire

/// The table `list` prints: columns aligned by display width, one referral per row.
enum ReferralTable {
    static let headers = ["ID", "STATUS", "DEAL VALUE", "CUSTOMER", "UPDATED"]

    static func render(_ referrals: [JSONValue]) -> String {
        let rows = referrals.map(row)
        guard !rows.isEmpty else { return "" }
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var text = ""
        for row in [headers] + rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                let padding = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(cell)))
                line += i == 2 ? padding + cell : cell + (last ? "" : padding)
                if !last { line += "  " }
            }
            text += line + "\n"
        }
        return text
    }

    static func row(_ referral: JSONValue) -> [String] {
        let object = referral.objectValue
        let text = { (value: JSONValue?) -> String in
            switch value {
            case .string(let s)?: VisibleText.of(s)
            case nil, .null?: ""
            case let other?: JSONPrinter.compact.print(other)
            }
        }
        let details = object?["details"]?.objectValue
        let value = details?["dealValue"].map(text) ?? ""
        let currency = details?["currency"].map(text) ?? ""
        let customer = object?["customerProfile"]?.objectValue?["name"].map(text) ?? ""
        let status = [text(object?["status"]), text(object?["substatus"])].filter { !$0.isEmpty }.joined(separator: "/")
        let updated = String(text(object?["updatedDateTime"]).prefix(10))
        return [
            text(object?["id"]), status, [value, currency].filter { !$0.isEmpty }.joined(separator: " "),
            DisplayWidth.prefix(customer, columns: 40), updated,
        ]
    }
}
