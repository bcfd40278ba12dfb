/// The sign-ins the sandbox's identity side is waiting on, and which refresh token of each
/// sign-in is the current one (refresh tokens rotate: an older one of the same sign-in is refused).
actor DeviceAuthorizations {
    /// What the person at the device page decided.
    enum Decision: Sendable, Equatable {
        case pending
        case approved(SandboxUser)
        case denied
        /// Approved, but the token endpoint answers with this Entra failure (a test's choice).
        case failing(IdentityFailure)
    }

    struct Pending: Sendable {
        var userCode: String
        var clientId: String
        var tenant: String
        var scope: String
        var expires: Double
        var decision: Decision = .pending
        /// Answer the next poll with `slow_down` (asked for on the device page, for tests).
        var slowDownNext = false
    }

    private var byDeviceCode: [String: Pending] = [:]
    private var deviceCodeOfUserCode: [String: String] = [:]
    /// Each sign-in's current refresh token id.
    private var currentRefresh: [String: String] = [:]
    /// At most this many sign-ins wait at once (the oldest are dropped).
    static let capacity = 10_000

    func add(deviceCode: String, _ pending: Pending, now: Double) {
        if byDeviceCode.count >= Self.capacity { dropExpired(now: now) }
        if byDeviceCode.count >= Self.capacity, let oldest = byDeviceCode.min(by: { $0.value.expires < $1.value.expires }) {
            remove(deviceCode: oldest.key)
        }
        byDeviceCode[deviceCode] = pending
        deviceCodeOfUserCode[pending.userCode] = deviceCode
    }

    func pending(deviceCode: String) -> Pending? { byDeviceCode[deviceCode] }

    /// Records the device page's decision for `userCode`; `false` when no sign-in waits on it.
    func decide(userCode: String, _ decision: Decision, slowDown: Bool, now: Double) -> Bool {
        guard let deviceCode = deviceCodeOfUserCode[userCode], var pending = byDeviceCode[deviceCode], pending.expires > now,
            pending.decision == .pending
        else { return false }
        if slowDown {
            pending.slowDownNext = true
        } else {
            pending.decision = decision
        }
        byDeviceCode[deviceCode] = pending
        return true
    }

    /// Takes the slow-down request of a sign-in, if one was made.
    func takeSlowDown(deviceCode: String) -> Bool {
        guard byDeviceCode[deviceCode]?.slowDownNext == true else { return false }
        byDeviceCode[deviceCode]?.slowDownNext = false
        return true
    }

    /// Ends a sign-in (its tokens were issued, or it was refused for good).
    func remove(deviceCode: String) {
        if let userCode = byDeviceCode.removeValue(forKey: deviceCode)?.userCode { deviceCodeOfUserCode[userCode] = nil }
    }

    /// Makes `tokenId` the current refresh token of sign-in `family`.
    func rotate(family: String, to tokenId: String) { currentRefresh[family] = tokenId }

    /// Whether `tokenId` may be redeemed: it is its sign-in's current one, or a sign-in this
    /// sandbox process has not seen (issued before a restart: its key outlived it).
    func mayRedeem(family: String, tokenId: String) -> Bool {
        currentRefresh[family].map { $0 == tokenId } ?? true
    }

    private func dropExpired(now: Double) {
        for (code, pending) in byDeviceCode where pending.expires <= now { remove(deviceCode: code) }
    }
}
