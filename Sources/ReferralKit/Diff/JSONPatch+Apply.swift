extension JSONPatch {
    /// `document` with every operation applied in order (RFC 6902 semantics: `add` on an array
    /// index inserts, `/-` appends, `add` on an existing member replaces it). All or nothing.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for (i, operation) in operations.enumerated() {
            do {
                try Self.apply(operation, to: &result)
            } catch let error as PathError {
                throw JSONPatchError(operation: i, message: "\(operation.name) \(operation.path): \(error.description)")
            } catch let error as PathSyntaxError {
                throw JSONPatchError(operation: i, message: "\(operation.name) '\(operation.path)': \(error.message)")
            } catch let error as JSONPatchError {
                throw JSONPatchError(operation: i, message: error.message)
            } catch {
                throw JSONPatchError(operation: i, message: "\(error)")
            }
        }
        return result
    }

    private static func apply(_ operation: Operation, to document: inout JSONValue) throws {
        switch operation {
        case .add(let pointer, let value):
            try add(value, at: pointer, to: &document)
        case .remove(let pointer):
            try document.unset(try JSONPathParser.parsePointer(pointer))
        case .replace(let pointer, let value):
            let path = try JSONPathParser.parsePointer(pointer)
            _ = try document.value(at: path)  // must exist
            try document.set(value, at: path)
        case .move(let from, let pointer):
            if pointer.hasPrefix(from + "/") {
                throw JSONPatchError(operation: nil, message: "cannot move \(from) into its own child \(pointer)")
            }
            let value = try document.unset(try JSONPathParser.parsePointer(from))
            try add(value, at: pointer, to: &document)
        case .copy(let from, let pointer):
            let value = try document.value(at: try JSONPathParser.parsePointer(from))
            try add(value, at: pointer, to: &document)
        case .test(let pointer, let expected):
            let actual = try document.value(at: try JSONPathParser.parsePointer(pointer))
            guard actual == expected else {
                throw JSONPatchError(operation: nil, message: "test \(pointer) failed: value is \(JSONPrinter.compact.print(actual))")
            }
        }
    }

    private static func add(_ value: JSONValue, at pointer: String, to document: inout JSONValue) throws {
        if pointer.isEmpty { document = value; return }
        if pointer.hasSuffix("/-") {
            let parent = try JSONPathParser.parsePointer(String(pointer.dropLast(2)))
            guard case .array = try document.value(at: parent) else {
                throw JSONPatchError(operation: nil, message: "\(pointer): '-' needs an array")
            }
            try document.append(value, to: parent)
            return
        }
        let path = try JSONPathParser.parsePointer(pointer)
        let parent = try document.value(at: path.parent)
        switch (parent, path.components.last) {
        case (.array, .index?): try document.insert(value, at: path)
        case (.object, _):
            // `add` never creates intermediate members (RFC 6902 §4.1); the parent exists here.
            try document.set(value, at: path)
        default:
            throw JSONPatchError(operation: nil, message: "\(pointer): parent is \(parent.kindName), not a container")
        }
    }
}
