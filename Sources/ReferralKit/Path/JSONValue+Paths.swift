/// Reading and editing a ``JSONValue`` by ``JSONPath``, the whole model of jq's
/// `getpath`/`setpath`/`delpaths`, with errors that say which step failed and why.
extension JSONValue {
    /// The value at `path`; throws when a step is missing or does not fit.
    public func value(at path: JSONPath) throws(PathError) -> JSONValue {
        var current = self
        var walked = JSONPath(exactKeys: path.exactKeys)
        for component in path.components {
            let step = try current.locate(component, walked: walked)
            walked = walked.appending(step.component)
            guard let child = step.child else { throw step.missingError(walked) }
            current = child
        }
        return current
    }

    /// The value at `path`, or `nil` when it does not exist (never throws; for conditions).
    public func lookup(_ path: JSONPath) -> JSONValue? {
        // A walk of its own: a miss here is normal and must not pay for building an error message.
        var current = self
        var walked = JSONPath(exactKeys: path.exactKeys)
        for component in path.components {
            guard let step = try? current.locate(component, walked: walked), let child = step.child else { return nil }
            walked.components.append(step.component)
            current = child
        }
        return current
    }

    /// `path` with member names spelled as they are in this value and indices made non-negative.
    public func resolve(_ path: JSONPath) throws(PathError) -> JSONPath {
        var current = self
        var walked = JSONPath(exactKeys: path.exactKeys)
        for (position, component) in path.components.enumerated() {
            let step = try current.locate(component, walked: walked)
            walked = walked.appending(step.component)
            guard let child = step.child else {
                if position == path.components.count - 1 { return walked }
                throw step.missingError(walked)
            }
            current = child
        }
        return walked
    }

    /// Sets the value at `path`, creating missing objects on the way; an existing member keeps
    /// its spelling, a new one takes the spelling given.
    public mutating func set(_ newValue: JSONValue, at path: JSONPath) throws(PathError) {
        guard !path.isRoot else { self = newValue; return }
        try withParent(of: path, creating: true) { (parent, last, walked) throws(PathError) in
            let step = try parent.locate(last, walked: walked)
            switch (step.component, parent) {
            case (.key(let key), .object(var object)):
                parent = .null
                object[key] = newValue
                parent = .object(object)
            case (.index(let index), .array(var elements)):
                guard step.child != nil else {
                    throw step.missingError(walked.appending(last), hint: " (use append to add an element)")
                }
                parent = .null
                elements[index] = newValue
                parent = .array(elements)
            default:
                throw PathError(path: walked.appending(last).description, reason: "cannot set here")
            }
        }
    }

    /// Removes the member or element at `path` and returns it.
    @discardableResult
    public mutating func unset(_ path: JSONPath) throws(PathError) -> JSONValue {
        guard !path.isRoot else { throw PathError(path: ".", reason: "cannot unset the whole value") }
        return try withParent(of: path, creating: false) { (parent, last, walked) throws(PathError) -> JSONValue in
            let step = try parent.locate(last, walked: walked)
            guard let removed = step.child else { throw step.missingError(walked.appending(step.component)) }
            switch (step.component, parent) {
            case (.key(let key), .object(var object)):
                parent = .null
                object.removeValue(forKey: key)
                parent = .object(object)
            case (.index(let index), .array(var elements)):
                parent = .null
                elements.remove(at: index)
                parent = .array(elements)
            default:
                break
            }
            return removed
        }
    }

    /// Appends `element` to the array at `path`, creating the array (and missing objects) if absent.
    public mutating func append(_ element: JSONValue, to path: JSONPath) throws(PathError) {
        let existing: JSONValue?
        do { existing = try value(at: path) } catch { existing = nil }
        switch existing {
        case nil:
            try set(.array([element]), at: path)
        case .array(var elements)?:
            elements.append(element)
            try set(.array(elements), at: path)
        case let other?:
            throw PathError(path: path.description, reason: "is \(other.article) \(other.kindName), not an array")
        }
    }

    /// Inserts `element` before the index that ends `path` (`team[0]` inserts first; an index equal
    /// to the length appends).
    public mutating func insert(_ element: JSONValue, at path: JSONPath) throws(PathError) {
        guard case .index(let requested)? = path.components.last else {
            throw PathError(path: path.description, reason: "insert needs a path ending in an index, such as team[0]")
        }
        try withParent(of: path, creating: false) { (parent, last, walked) throws(PathError) in
            guard case .array(var elements) = parent else {
                throw PathError(path: walked.description, reason: "is \(parent.article) \(parent.kindName), not an array")
            }
            let index = requested < 0 ? elements.count + requested + 1 : requested
            guard index >= 0, index <= elements.count else {
                throw PathError(
                    path: walked.appending(last).description,
                    reason: "index out of range (\(walked) has \(Self.members(elements.count)))")
            }
            parent = .null
            elements.insert(element, at: index)
            parent = .array(elements)
        }
    }

    // MARK: - Walking

    /// Runs `body` on the container that holds the last step of `path`, rebuilding the tree after.
    mutating func withParent<R>(
        of path: JSONPath, creating: Bool,
        _ body: (inout JSONValue, JSONPath.Component, JSONPath) throws(PathError) -> R
    ) throws(PathError) -> R {
        guard let last = path.components.last else {
            throw PathError(path: ".", reason: "the whole value has no parent")
        }
        return try descend(path.components.dropLast(), walked: JSONPath(exactKeys: path.exactKeys), last: last, creating: creating, body)
    }

    private mutating func descend<R>(
        _ rest: ArraySlice<JSONPath.Component>, walked: JSONPath, last: JSONPath.Component, creating: Bool,
        _ body: (inout JSONValue, JSONPath.Component, JSONPath) throws(PathError) -> R
    ) throws(PathError) -> R {
        guard let head = rest.first else { return try body(&self, last, walked) }
        let step = try locate(head, walked: walked)
        let here = walked.appending(step.component)
        let nextIsKey: Bool
        if case .key = rest.dropFirst().first ?? last { nextIsKey = true } else { nextIsKey = false }
        var child: JSONValue
        if let existing = step.child {
            child = existing
        } else if creating, nextIsKey, case .key = step.component {
            child = .object(JSONObject())
        } else {
            throw step.missingError(here, hint: nextIsKey ? "" : " (use append to create an array)")
        }
        switch (step.component, self) {
        case (.key(let key), .object(var object)):
            self = .null
            object[key] = .null  // release our reference so `child` is uniquely owned
            defer { object[key] = child; self = .object(object) }
            return try child.descend(rest.dropFirst(), walked: here, last: last, creating: creating, body)
        case (.index(let index), .array(var elements)):
            self = .null
            elements[index] = .null
            defer { elements[index] = child; self = .array(elements) }
            return try child.descend(rest.dropFirst(), walked: here, last: last, creating: creating, body)
        default:
            throw PathError(path: here.description, reason: "cannot descend here")
        }
    }

    /// One step resolved against this container: the actual key or index, and the child if present.
    struct Step {
        var component: JSONPath.Component
        var child: JSONValue?
        var missing: Missing = .none

        /// Why the child is absent; the message (with its "did you mean") is only built for errors.
        enum Missing {
            case none
            case member(String, in: JSONObject)
            case index(owner: String, count: Int)
        }

        func missingError(_ path: JSONPath, hint: String = "") -> PathError {
            let reason: String
            switch missing {
            case .none: reason = ""
            case .member(let name, let object): reason = "no such member" + JSONValue.suggestion(for: name, in: object)
            case .index(let owner, let count): reason = "index out of range (\(owner) has \(JSONValue.members(count)))"
            }
            return PathError(path: path.description, reason: reason + hint)
        }
    }

    func locate(_ component: JSONPath.Component, walked: JSONPath) throws(PathError) -> Step {
        switch (component, self) {
        case (.key(let name), .object(let object)):
            let match: JSONObject.KeyMatch =
                walked.exactKeys ? (object[name] == nil ? .missing : .found(name)) : object.resolveKey(name)
            switch match {
            case .found(let key):
                return Step(component: .key(key), child: object[key])
            case .missing:
                return Step(component: .key(name), child: nil, missing: .member(name, in: object))
            case .ambiguous(let keys):
                throw PathError(
                    path: walked.appending(component).description,
                    reason: "ambiguous: matches \(keys.joined(separator: " and ")) (spell the case exactly)")
            }
        case (.index(let index), .object(let object)) where object[String(index)] != nil:
            return try locate(.key(String(index)), walked: walked)  // a JSON Pointer step into an object
        case (.index(let requested), .array(let elements)):
            let index = requested < 0 ? elements.count + requested : requested
            guard index >= 0, index < elements.count else {
                let owner = walked.isRoot ? "the array" : walked.description
                return Step(component: .index(requested), child: nil, missing: .index(owner: owner, count: elements.count))
            }
            return Step(component: .index(index), child: elements[index])
        case (.key, .array):
            throw PathError(
                path: walked.appending(component).description,
                reason: "\(walked) is an array, not an object (use an index such as [0])")
        default:
            let wanted = if case .key = component { "an object" } else { "an array" }
            throw PathError(
                path: walked.appending(component).description,
                reason: "\(walked) is \(article) \(kindName), not \(wanted)")
        }
    }

    static func members(_ count: Int) -> String { count == 1 ? "1 member" : "\(count) members" }

    /// "a" or "an", to go before ``kindName``.
    public var article: String {
        switch self {
        case .array, .object: "an"
        default: "a"
        }
    }

    /// " (did you mean X?)" when a member name is within two edits of `name`.
    static func suggestion(for name: String, in object: JSONObject) -> String {
        EditDistance.closest(to: name, in: object.keys).map { " (did you mean \($0)?)" } ?? ""
    }
}

extension JSONValue {
    /// `path` with the steps that exist spelled as in this value; steps past the first missing one
    /// stay as given. Never throws: for schema look-ups before an edit that may create members.
    public func bestEffortResolved(_ path: JSONPath) -> JSONPath {
        var current: JSONValue? = self
        var walked = JSONPath(exactKeys: path.exactKeys)
        for component in path.components {
            guard let container = current, let step = try? container.locate(component, walked: walked) else {
                walked = walked.appending(component)
                current = nil
                continue
            }
            walked = walked.appending(step.component)
            current = step.child
        }
        return walked
    }
}
