import Foundation
import ReferralsWire
import Synchronization

/// How the sandbox is set up.
public struct SandboxConfiguration: Sendable {
    /// Scheme, host and port the sandbox is reached at, for `Location` and `@odata.nextLink`.
    public var baseURL: String
    /// The bearer token to require; `nil` accepts any non-empty token.
    public var token: String?
    /// The caller's organization (set on created referrals).
    public var organizationId = "7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d"
    public var organizationName = "Contoso Company"
    /// Referrals per page of a list (the service's is 100).
    public var pageSize = 100
    /// Largest request body accepted (413 above it).
    public var maxBodyBytes = 1 << 20
    /// The users and their roles, each with its bearer token. Empty (the embedded sandbox): any
    /// accepted token is a Referral Admin.
    public var users: [(token: String, user: SandboxUser)] = []
    /// The shape of error bodies: the referrals service's own by default (docs/sandbox.md).
    public var errorShape = ErrorBody.Shape.referrals
    /// Signs the tokens of the sandbox's identity side; access tokens it signed are accepted
    /// (as the user and role they name) besides ``token`` and the users' own tokens.
    public var tokenSigner: SandboxJWT?

    public init(baseURL: String, token: String? = nil) {
        self.baseURL = baseURL
        self.token = token
    }
}

/// The time, as the API writes it: UTC ISO-8601 with 7 fractional digits.
public protocol SandboxClock: Sendable {
    func now() -> String
}

/// New ids (referral ids, eTags, request ids).
public protocol IdentifierSource: Sendable {
    func next() -> String
}

/// A clock a test or a demo can move: `sandbox clock +15d` makes New referrals expire now.
public protocol AdjustableClock: SandboxClock {
    /// How far this clock runs ahead of real time, in seconds (negative: behind).
    var offsetSeconds: Double { get }
    /// Sets how far it runs ahead.
    func setOffset(_ seconds: Double)
    /// The time it would show, in seconds since 1970, not stopped at the end of 9999 (moves are
    /// worked out from it).
    var unstoppedSeconds: Double { get }
}

/// The system clock, shifted by an offset the admin surface sets (0 at start).
public final class SystemClock: AdjustableClock, Sendable {
    private let offset: Mutex<Double>

    public init(offsetSeconds: Double = 0) { offset = Mutex(offsetSeconds) }

    public var offsetSeconds: Double { offset.withLock { $0 } }
    public func setOffset(_ seconds: Double) { offset.withLock { $0 = seconds } }
    public var unstoppedSeconds: Double { Date().timeIntervalSince1970 + offsetSeconds }

    /// The time, stopped at the last tick of 9999 (and the first of year 1): a clock moved to the
    /// edge of the years dates are written in runs on no further, so that it stays readable and
    /// every write keeps a date the API can take.
    public func now() -> String {
        let seconds = unstoppedSeconds
        guard seconds < SandboxTime.writableRange.upperBound else { return "9999-12-31T23:59:59.9999999Z" }
        return SandboxTime.text(max(seconds, SandboxTime.writableRange.lowerBound))
    }
}

/// Random (version 4) UUIDs, lower-case as the API writes them. Formatted by hand: every
/// request takes two (request and correlation id), and Foundation's UUID string goes through
/// `sprintf` and a case conversion.
public struct RandomIdentifiers: IdentifierSource {
    public init() {}

    public func next() -> String {
        var generator = SystemRandomNumberGenerator()
        return Self.format(high: generator.next(), low: generator.next())
    }

    /// The UUID of 128 random bits, with the version (4) and variant (10xx) bits set.
    static func format(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC << 60)) | (0x8 << 60)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[at] = UInt8(ascii: "-")
                    at += 1
                }
                let digit = UInt8(truncatingIfNeeded: ((nibble < 16 ? high : low) >> UInt64(60 - 4 * (nibble % 16))) & 0xF)
                buffer[at] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                at += 1
            }
            return at
        }
    }
}
