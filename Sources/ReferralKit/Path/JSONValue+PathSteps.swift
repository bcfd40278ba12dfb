/// One step of a path at a time: finding a member or element, and the error when it does not fit.
///
/// Walks build nothing for a message until a step fails: the walked prefix of the path, which
/// errors name, is passed as an autoclosure and only made when an error is thrown.
extension JSONValue {
    /// What a container holds at one step.
    enum StepResult {
        /// The child, with the step as the value spells it (actual key, non-negative index).
        case found(JSONPath.Component, JSONValue)
        /// No such member or element; the step as given.
        case missing(JSONPath.Component, Step.Missing)
        /// The step cannot apply to this value at all.
        case unfit(Unfit)
    }

    /// Why a step cannot apply.
    enum Unfit {
        /// Several members differ from the name only in case, and none matches it exactly.
        case ambiguous([String])
        /// A member name applied to an array.
        case keyIntoArray
        /// A member name or index applied to a value that is neither object nor array.
        case notAContainer
    }

    /// `component` resolved against this value, building no message.
    func step(_ component: JSONPath.Component, exactKeys: Bool) -> StepResult {
        switch (component, self) {
        case (.key(let name), .object(let object)):
            if let child = object[name] { return .found(component, child) }
            if exactKeys { return .missing(component, .member(name, in: object)) }
            switch object.resolveKey(name) {
            case .found(let key): return object[key].map { .found(.key(key), $0) } ?? .missing(component, .member(name, in: object))
            case .missing: return .missing(component, .member(name, in: object))
            case .ambiguous(let keys): return .unfit(.ambiguous(keys))
            }
        case (.index(let index), .object(let object)):
            // A JSON Pointer step into an object whose member is named by digits.
            guard object[String(index)] != nil else { return .unfit(.notAContainer) }
            return JSONValue.object(object).step(.key(String(index)), exactKeys: exactKeys)
        case (.index(let requested), .array(let elements)):
            let index = requested < 0 ? elements.count + requested : requested
            guard index >= 0, index < elements.count else {
                return .missing(component, .index(owner: "", count: elements.count))  // owner named by locate
            }
            return .found(.index(index), elements[index])
        case (.key, .array):
            return .unfit(.keyIntoArray)
        default:
            return .unfit(.notAContainer)
        }
    }

    /// The child at `component`, or `nil` when it is missing or does not fit.
    func child(at component: JSONPath.Component, exactKeys: Bool) -> JSONValue? {
        if case .found(_, let child) = step(component, exactKeys: exactKeys) { return child }
        return nil
    }

    /// `component` resolved against this value; throws when it cannot apply. `walked` is the
    /// path up to this value, made only for an error.
    func locate(
        _ component: JSONPath.Component, exactKeys: Bool, walked: @autoclosure () -> JSONPath
    ) throws(PathError) -> Step {
        switch step(component, exactKeys: exactKeys) {
        case .found(let resolved, let child):
            return Step(component: resolved, child: child)
        case .missing(let given, .index(_, let count)):
            let prefix = walked()
            return Step(component: given, child: nil, missing: .index(owner: prefix.isRoot ? "the array" : prefix.description, count: count))
        case .missing(let given, let missing):
            return Step(component: given, child: nil, missing: missing)
        case .unfit(let unfit):
            let prefix = walked()
            let path = prefix.appending(component).description
            switch unfit {
            case .ambiguous(let keys):
                throw PathError(path: path, reason: "ambiguous: matches \(keys.joined(separator: " and ")) (spell the case exactly)")
            case .keyIntoArray:
                // `/team/-`, as a JSON Patch appends: in a path it names nothing; `append` does that.
                if case .key("-") = component {
                    throw PathError(
                        path: path, reason: "'-' (the end of \(prefix) in a JSON Patch) is no element: append \(prefix) <value> adds one at the end")
                }
                throw PathError(path: path, reason: "\(prefix) is an array, not an object (use an index such as [0])")
            case .notAContainer:
                let wanted = if case .key = component { "an object" } else { "an array" }
                throw PathError(path: path, reason: "\(prefix) is \(article) \(kindName), not \(wanted)")
            }
        }
    }

    /// The first `count` steps of `path`, spelled as in this value (for error messages).
    func walkedPrefix(of path: JSONPath, count: Int) -> JSONPath {
        bestEffortResolved(JSONPath(Array(path.components.prefix(count)), exactKeys: path.exactKeys))
    }

    /// One step resolved against a container: the actual key or index, and the child if present.
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

    // MARK: - Editing in place

    /// Runs `body` on the container that holds the last step of `path`, rebuilding the tree after.
    mutating func withParent<R>(
        of path: JSONPath, creating: Bool,
        _ body: (inout JSONValue, JSONPath.Component, JSONPath) throws(PathError) -> R
    ) throws(PathError) -> R {
        guard let last = path.components.last else {
            throw PathError(path: ".", reason: "the whole value has no parent")
        }
        var walked = JSONPath(exactKeys: path.exactKeys)
        walked.components.reserveCapacity(path.components.count)
        return try descend(path.components.dropLast(), walked: &walked, last: last, creating: creating, body)
    }

    private mutating func descend<R>(
        _ rest: ArraySlice<JSONPath.Component>, walked: inout JSONPath, last: JSONPath.Component, creating: Bool,
        _ body: (inout JSONValue, JSONPath.Component, JSONPath) throws(PathError) -> R
    ) throws(PathError) -> R {
        guard let head = rest.first else { return try body(&self, last, walked) }
        var step = try locate(head, exactKeys: walked.exactKeys, walked: walked)
        let nextIsKey: Bool
        if case .key = rest.dropFirst().first ?? last { nextIsKey = true } else { nextIsKey = false }
        // A member that is null (the service sends null for what is not set) is made an object
        // on the way, as a missing one is.
        var exists = step.child != nil
        if case .key = step.component, creating, nextIsKey, step.child == .null { exists = false }
        step.child = nil  // now only its container holds the child, so the child changes in place
        walked.components.append(step.component)
        let tail = rest.dropFirst()
        // A container lets go of its members while they change (`self = .null`), so they are
        // uniquely owned. A failure below leaves everything as it was; in particular an object
        // created on the way is only added once the change below it succeeded.
        switch step.component {
        case .key(let key):
            guard exists || (creating && nextIsKey) else {
                throw step.missingError(walked, hint: nextIsKey ? "" : " (use append to create an array)")
            }
            guard case .object(var object) = self else { break }
            self = .null
            defer { self = .object(object) }
            if exists {
                let result = try object.updateMember(key) { (child) throws(PathError) -> R in
                    try child.descend(tail, walked: &walked, last: last, creating: creating, body)
                }
                if let result { return result }
            } else {
                var child = JSONValue.object(JSONObject())
                let result = try child.descend(tail, walked: &walked, last: last, creating: creating, body)
                object[key] = child
                return result
            }
        case .index(let index):
            guard exists else { throw step.missingError(walked, hint: nextIsKey ? "" : " (use append to create an array)") }
            guard case .array(var elements) = self else { break }
            self = .null
            defer { self = .array(elements) }
            return try elements[index].descend(tail, walked: &walked, last: last, creating: creating, body)
        }
        throw PathError(path: walked.description, reason: "cannot descend here")
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
