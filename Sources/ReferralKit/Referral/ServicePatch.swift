/// The JSON Patch the Referrals API takes for a set of changes. The service accepts only
/// `replace` and `add` (`add` with `/-` appends), so an array whose elements were removed,
/// inserted before others or moved is sent whole (`replace /team`, a path the connector
/// documents); a removed object member cannot be sent at all (docs/language.md, `patch`).
public struct ServicePatch: Sendable, Equatable {
    /// The document to send; it holds a `remove` for each of ``unsendable``.
    public var patch: JSONPatch
    /// Removed object members: the service has no operation for them (`put` sends them).
    public var unsendable: [JSONPath]

    /// The patch for `changes`, the diff from a baseline to `working`.
    public init(changes: [JSONChange], working: JSONValue) {
        var wholeArrays: [JSONPath] = []
        var unsendable: [JSONPath] = []
        for change in changes {
            switch change.kind {
            case .removed, .added(_, appended: false):
                if let array = Self.enclosingArray(of: change.path, kind: change.kind) {
                    if !wholeArrays.contains(where: { Self.contains($0, array) }) {
                        wholeArrays.removeAll { Self.contains(array, $0) }
                        wholeArrays.append(array)
                    }
                } else if case .removed = change.kind {
                    unsendable.append(change.path)
                }
            default: break
            }
        }
        var operations: [JSONPatch.Operation] = []
        var sent: [JSONPath] = []
        for change in changes {
            guard let array = wholeArrays.first(where: { Self.contains($0, change.path) }) else {
                operations += JSONPatch(changes: [change]).operations
                continue
            }
            guard !sent.contains(array), let value = working.lookup(array) else { continue }
            sent.append(array)
            operations.append(.replace(path: array.pointer, value: value))
        }
        patch = JSONPatch(operations)
        self.unsendable = unsendable.filter { path in !wholeArrays.contains { Self.contains($0, path) } }
    }

    /// The array a removal or an insertion at `path` changes the elements of: the nearest one
    /// `path` goes through. `nil` for a member added to an object, and for a removed member
    /// outside any array.
    static func enclosingArray(of path: JSONPath, kind: JSONChange.Kind) -> JSONPath? {
        if case .added = kind, case .key? = path.components.last { return nil }  // a new member: `add` sends it
        guard let last = path.components.lastIndex(where: { if case .index = $0 { true } else { false } }) else { return nil }
        return JSONPath(Array(path.components[..<last]), exactKeys: path.exactKeys)
    }

    /// Whether `outer` is `inner` or one of its ancestors.
    static func contains(_ outer: JSONPath, _ inner: JSONPath) -> Bool {
        outer.components.count <= inner.components.count && Array(inner.components.prefix(outer.components.count)) == outer.components
    }
}
