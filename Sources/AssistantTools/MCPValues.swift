import Foundation
import MCP
import ReferralKit

/// Conversions between MCP's JSON values and refsh's order-preserving ones.
enum MCPValues {
    /// An MCP argument as a refsh value (binary data as its base64 text).
    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(JSONNumber(number))
        case .double(let number): JSONNumber(literal: number.isFinite ? "\(number)" : "").map(JSONValue.number) ?? .null
        case .string(let text): .string(text)
        case .data(_, let data): .string(data.base64EncodedString())
        case .array(let items): .array(items.map(json))
        case .object(let members):
            .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// A refsh value as MCP's, for a result's structured content.
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): number.intValue.map(Value.int) ?? .double(number.doubleValue)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(value))
        case .object(let members): .object(Dictionary(members.map { ($0.key, value($0.value)) }, uniquingKeysWith: { $1 }))
        }
    }
}
