import Synchronization

/// The scheme, host and port a server bound (it may have asked for port 0), for links in
/// answers to requests that carry no `Host` header.
public final class BoundAddress: Sendable {
    private let value = Mutex<String?>(nil)

    public init() {}

    /// `http://host:port`, once the server listens.
    public var url: String? { value.withLock { $0 } }

    /// Records where the server listens.
    public func set(_ url: String) { value.withLock { $0 = url } }
}
