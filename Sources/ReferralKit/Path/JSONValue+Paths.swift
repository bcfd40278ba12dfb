/// Reading and editing a ``JSONValue`` by ``JSONPath``, the whole model of jq's
/// `getpath`/`setpath`/`delpaths`, with errors that say which step failed and why.
extension JSONValue {
    /// The value at `path`; throws when a step is missing or does not fit.
    public func value(at path: JSONPath) throws(PathError) -> JSONValue {
        var current = self
        for (position, component) in path.components.enumerated() {
            let step = try current.locate(component, exactKeys: path.exactKeys, walked: self.walkedPrefix(of: path, count: position))
            guard let child = step.child else {
                throw step.missingError(walkedPrefix(of: path, count: position).appending(step.component))
            }
            current = child
        }
        return current
    }

    /// The value at `path`, or `nil` when it does not exist (never throws; for conditions).
    public func lookup(_ path: JSONPath) -> JSONValue? {
        // A miss here is normal: nothing is built for a message that will not be shown.
        var current = self
        for component in path.components {
            guard let child = current.child(at: component, exactKeys: path.exactKeys) else { return nil }
            current = child
        }
        return current
    }

    /// `path` with the steps that exist spelled as in this value; steps past the first missing one
    /// stay as given. Never throws: for schema look-ups before an edit that may create members.
    public func bestEffortResolved(_ path: JSONPath) -> JSONPath {
        bestEffortResolution(of: path).path
    }

    /// ``bestEffortResolved(_:)`` with what the walk found: how many steps exist, and the value
    /// at the end when all of them do.
    public func bestEffortResolution(of path: JSONPath) -> PathResolution {
        var current: JSONValue? = self
        // Usually every step is spelled as in the value: then the path is returned as given, and
        // no new one is built.
        var walked: JSONPath?
        var existing = 0
        for (position, component) in path.components.enumerated() {
            var spelled = component
            if case .found(let resolved, let child)? = current?.step(component, exactKeys: path.exactKeys) {
                spelled = resolved
                current = child
                existing += 1
            } else {
                current = nil
            }
            if walked == nil, spelled != component {
                walked = JSONPath(Array(path.components.prefix(position)), exactKeys: path.exactKeys)
            }
            walked?.components.append(spelled)
        }
        return PathResolution(path: walked ?? path, existingSteps: existing, value: current)
    }

    /// `path` with member names spelled as they are in this value and indices made non-negative.
    public func resolve(_ path: JSONPath) throws(PathError) -> JSONPath {
        var current = self
        var walked = JSONPath(exactKeys: path.exactKeys)
        walked.components.reserveCapacity(path.components.count)
        for (position, component) in path.components.enumerated() {
            let step = try current.locate(component, exactKeys: path.exactKeys, walked: walked)
            walked.components.append(step.component)
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
            let step = try parent.locate(last, exactKeys: walked.exactKeys, walked: walked)
            // The parent lets go of its members while it changes, so nothing is copied.
            switch step.component {
            case .key(let key):
                guard case .object(var object) = parent else { break }
                parent = .null
                object[key] = newValue
                parent = .object(object)
                return
            case .index(let index):
                guard step.child != nil else {
                    throw step.missingError(walked.appending(last), hint: " (use append to add an element)")
                }
                guard case .array(var elements) = parent else { break }
                parent = .null
                elements[index] = newValue
                parent = .array(elements)
                return
            }
            throw PathError(path: walked.appending(last).description, reason: "cannot set here")
        }
    }

    /// Removes the member or element at `path` and returns it.
    @discardableResult
    public mutating func unset(_ path: JSONPath) throws(PathError) -> JSONValue {
        guard !path.isRoot else { throw PathError(path: ".", reason: "cannot unset the whole value") }
        return try withParent(of: path, creating: false) { (parent, last, walked) throws(PathError) -> JSONValue in
            let step = try parent.locate(last, exactKeys: walked.exactKeys, walked: walked)
            guard let removed = step.child else { throw step.missingError(walked.appending(step.component)) }
            switch step.component {
            case .key(let key):
                guard case .object(var object) = parent else { break }
                parent = .null
                object.removeValue(forKey: key)
                parent = .object(object)
            case .index(let index):
                guard case .array(var elements) = parent else { break }
                parent = .null
                elements.remove(at: index)
                parent = .array(elements)
            }
            return removed
        }
    }

    /// Appends `element` to the array at `path`, creating the array (and missing objects) if absent
    /// or null (the service sends null for an empty list).
    public mutating func append(_ element: JSONValue, to path: JSONPath) throws(PathError) {
        let existing: JSONValue?
        do { existing = try value(at: path) } catch { existing = nil }
        switch existing {
        case nil, .null?:
            try set(.array([element]), at: path)
        case .array(var elements)?:
            elements.append(element)
            try set(.array(elements), at: path)
        case let other?:
            throw PathError(path: path.description, reason: "is \(other.article) \(other.kindName), not an array")
        }
    }

    /// Where `insert` at index `requested` puts a value in an array of `count` elements: before
    /// the element the index names; a negative one counts from the end, as in any path (`[-1]`
    /// is the last element, so the value goes before it). In range when 0...count holds it.
    public static func insertionIndex(_ requested: Int, count: Int) -> Int {
        requested < 0 ? count + requested : requested
    }

    /// Inserts `element` before the index that ends `path` (`team[0]` inserts first; an index equal
    /// to the length appends).
    public mutating func insert(_ element: JSONValue, at path: JSONPath) throws(PathError) {
        guard case .index(let requested)? = path.components.last else {
            throw PathError(path: path.description, reason: "insert needs a path ending in an index, such as team[0]")
        }
        try withParent(of: path, creating: false) { (parent, last, walked) throws(PathError) in
            var elements: [JSONValue]
            switch parent {
            case .array(let existing): elements = existing
            case .null: elements = []  // the service's empty list
            default: throw PathError(path: walked.description, reason: "is \(parent.article) \(parent.kindName), not an array")
            }
            let index = Self.insertionIndex(requested, count: elements.count)
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
}

/// How far a path reaches into a value (see ``JSONValue/bestEffortResolution(of:)``).
public struct PathResolution: Sendable {
    /// The path, spelled as in the value as far as it exists, then as given.
    public var path: JSONPath
    /// How many leading steps exist.
    public var existingSteps: Int
    /// The value at the path, when every step exists.
    public var value: JSONValue?

    /// The outermost part a `set` at this path replaces or creates: the whole path when it
    /// exists, else the path up to its first missing step. Restoring or removing it undoes the set.
    public var replacedBySet: JSONPath {
        let count = path.components.count
        guard existingSteps < count else { return path }
        return JSONPath(Array(path.components.prefix(existingSteps + 1)), exactKeys: path.exactKeys)
    }

    /// What is at ``replacedBySet`` now (`nil` when the set creates it).
    public var replacedValue: JSONValue? { existingSteps == path.components.count ? value : nil }
}
