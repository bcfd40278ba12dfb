/// The value of the first header named `name` (case-insensitive): one lookup for the sandbox's
/// requests and responses and the client's.
public func firstHeader(_ name: String, in headers: [(name: String, value: String)]) -> String? {
    let lowered = name.lowercased()
    return headers.first { $0.name.lowercased() == lowered }?.value
}
