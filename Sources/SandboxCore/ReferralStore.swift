import ReferralKit

/// Where the sandbox keeps referrals. Each call is atomic; ``update(id:_:)`` runs its body as one
/// transaction, which is what makes "same eTag, exactly one winner" hold. The SQLite store of
/// the server and ``MemoryReferralStore`` implement it.
public protocol ReferralStore: Sendable {
    /// The referral with `id`, if any.
    func referral(id: String) async throws -> JSONValue?
    /// Every referral, in insertion order.
    func all() async throws -> [JSONValue]
    /// A number that changes whenever the stored referrals change, by this process or another
    /// sharing the store: while it stands, a list's later pages reuse its first page's matches.
    func revision() async throws -> Int
    /// Adds a referral whose `id` is new.
    func insert(_ referral: JSONValue, id: String) async throws
    /// Reads the referral, lets `body` decide (returning the new version, or throwing), and
    /// stores the result, all atomically.
    func update(id: String, _ body: @Sendable (JSONValue) throws(APIError) -> JSONValue) async throws -> JSONValue
    /// How many referrals are stored.
    func count() async throws -> Int
    /// Removes every referral (the admin surface's reset).
    func removeAll() async throws
    /// Stores `referrals` only if the store is empty, atomically: of several processes seeding
    /// one new store at once, exactly one seeds it and the others see it whole.
    func seedIfEmpty(_ referrals: [(id: String, referral: JSONValue)]) async throws
}

extension ReferralStore {
    public func seedIfEmpty(_ referrals: [(id: String, referral: JSONValue)]) async throws {
        guard try await count() == 0 else { return }
        for (id, referral) in referrals { try await insert(referral, id: id) }
    }
}

/// A store in memory, for tests and throwaway sandboxes.
public actor MemoryReferralStore: ReferralStore {
    private var byID: [String: JSONValue] = [:]
    private var order: [String] = []
    private var changes = 0

    public init() {}

    public func revision() -> Int { changes }

    public func referral(id: String) -> JSONValue? { byID[id] }

    public func all() -> [JSONValue] { order.compactMap { byID[$0] } }

    public func insert(_ referral: JSONValue, id: String) {
        changes += 1
        if byID[id] == nil { order.append(id) }
        byID[id] = referral
    }

    public func update(id: String, _ body: @Sendable (JSONValue) throws(APIError) -> JSONValue) throws -> JSONValue {
        guard let current = byID[id] else {
            throw APIError(404, "NotFound", "no referral with id \(id)")
        }
        let next = try body(current)
        changes += 1
        byID[id] = next
        return next
    }

    public func count() -> Int { order.count }

    public func removeAll() {
        changes += 1
        byID.removeAll()
        order.removeAll()
    }
}
