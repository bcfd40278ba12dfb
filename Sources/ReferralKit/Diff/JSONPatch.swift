/// An RFC 6902 JSON Patch document: a list of operations on JSON Pointer paths.
///
/// Build one from a diff (``init(changes:)``), read one from JSON (``init(json:)``), print it
/// (``json``), or apply it (``apply(to:)``); application is atomic: on any error nothing changes.
public struct JSONPatch: Sendable, Equatable {
    /// One operation.
    public enum Operation: Sendable, Equatable {
        case add(path: String, value: JSONValue)
        case remove(path: String)
        case replace(path: String, value: JSONValue)
        case move(from: String, path: String)
        case copy(from: String, path: String)
        case test(path: String, value: JSONValue)

        /// The `op` member: "add", "remove", ...
        public var name: String {
            switch self {
            case .add: "add"
            case .remove: "remove"
            case .replace: "replace"
            case .move: "move"
            case .copy: "copy"
            case .test: "test"
            }
        }

        /// The `path` member.
        public var path: String {
            switch self {
            case .add(let p, _), .remove(let p), .replace(let p, _), .move(_, let p), .copy(_, let p), .test(let p, _): p
            }
        }
    }

    /// The operations, applied in order.
    public var operations: [Operation]

    public init(_ operations: [Operation] = []) { self.operations = operations }

    /// The patch that turns the base of `changes` into its target. Array appends use `/-`
    /// (the form the Referrals API documents).
    public init(changes: [JSONChange]) {
        operations = changes.map { change in
            switch change.kind {
            case .added(let value, let appended):
                let pointer = appended ? change.path.parent.pointer + "/-" : change.path.pointer
                return .add(path: pointer, value: value)
            case .removed:
                return .remove(path: change.path.pointer)
            case .changed(_, let value):
                return .replace(path: change.path.pointer, value: value)
            }
        }
    }

    /// The patch as a JSON array of operation objects.
    public var json: JSONValue {
        .array(
            operations.map { op in
                var object = JSONObject()
                object["op"] = .string(op.name)
                switch op {
                case .move(let from, _), .copy(let from, _): object["from"] = .string(from)
                default: break
                }
                object["path"] = .string(op.path)
                switch op {
                case .add(_, let value), .replace(_, let value), .test(_, let value): object["value"] = value
                default: break
                }
                return .object(object)
            })
    }

    /// Reads a patch document; throws ``JSONPatchError`` naming the bad operation.
    public init(json: JSONValue) throws(JSONPatchError) {
        guard case .array(let elements) = json else {
            throw JSONPatchError(operation: nil, message: "a JSON Patch document must be an array of operations")
        }
        operations = []
        for (i, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                throw JSONPatchError(operation: i, message: "an operation must be an object")
            }
            func string(_ key: String) throws(JSONPatchError) -> String {
                guard case .string(let s)? = object[key] else {
                    throw JSONPatchError(operation: i, message: "'\(key)' must be a string")
                }
                return s
            }
            func value() throws(JSONPatchError) -> JSONValue {
                guard let v = object["value"] else { throw JSONPatchError(operation: i, message: "'value' is missing") }
                return v
            }
            let path = try string("path")
            switch try string("op") {
            case "add": operations.append(.add(path: path, value: try value()))
            case "remove": operations.append(.remove(path: path))
            case "replace": operations.append(.replace(path: path, value: try value()))
            case "move": operations.append(.move(from: try string("from"), path: path))
            case "copy": operations.append(.copy(from: try string("from"), path: path))
            case "test": operations.append(.test(path: path, value: try value()))
            case let other: throw JSONPatchError(operation: i, message: "unknown op '\(other)'")
            }
        }
    }
}

/// Why a patch could not be read or applied; `operation` is the 0-based index of the culprit.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: Int?
    public var message: String

    public init(operation: Int?, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String {
        operation.map { "operation \($0): \(message)" } ?? message
    }
}
