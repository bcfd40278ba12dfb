import ReferralKit
import ReferralsWire

/// Decides whether a write whose answer was lost had landed, from the server's current copy:
/// the retry got 412 because the eTag moved, and the question is whether our write moved it.
enum LandedCheck: Sendable {
    /// A PUT of this body: landed when every field we can write has the value we sent.
    case replace(JSONValue)
    /// A PATCH: landed when every operation's target holds the value it set.
    case update(JSONPatch)

    func landed(on server: JSONValue) -> Bool {
        switch self {
        case .replace(let body):
            return JSONDiff.changes(from: body, to: server).allSatisfy { change in
                guard case .key(let key)? = change.path.components.first else { return false }
                return ServerSetFields.contains(key)
            }
        case .update(let patch):
            return patch.operations.allSatisfy { operation in
                switch operation {
                case .replace(let pointer, let value), .add(let pointer, let value):
                    if pointer.hasSuffix("/-") {
                        let parent = String(pointer.dropLast(2))
                        return Self.value(at: parent, in: server)?.arrayValue?.last.map { Self.same($0, value) } ?? false
                    }
                    return Self.value(at: pointer, in: server).map { Self.same($0, value) } ?? false
                default:
                    return false
                }
            }
        }
    }

    private static func value(at pointer: String, in document: JSONValue) -> JSONValue? {
        guard let path = try? JSONPathParser.parsePointer(pointer) else { return nil }
        return document.lookup(path)
    }

    /// Equal, counting a numeric string the service coerced as the number it became.
    static func same(_ stored: JSONValue, _ sent: JSONValue) -> Bool {
        if stored == sent { return true }
        if case .number(let number) = stored, case .string(let text) = sent, let parsed = JSONNumber(literal: text) {
            return parsed == number
        }
        return false
    }
}
