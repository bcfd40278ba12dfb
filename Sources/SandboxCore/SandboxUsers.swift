import Foundation
import ReferralKit

/// A Partner Center role for referrals.
public enum ReferralRole: String, Sendable, CaseIterable {
    /// Sees and edits every referral of the organization.
    case admin = "ReferralAdmin"
    /// Sees and edits only the referrals whose `team` lists them.
    case user = "ReferralUser"
}

/// A user of the sandbox: an email and a role (`nil`: signed in, but with no referrals role).
public struct SandboxUser: Sendable, Equatable {
    public var email: String
    public var role: ReferralRole?

    public init(email: String, role: ReferralRole?) {
        self.email = email
        self.role = role
    }
}

/// Who is calling: the admin of the embedded sandbox (no users configured), or a configured user.
public struct SandboxCaller: Sendable, Equatable {
    public var user: SandboxUser

    /// Anyone, as an admin: the sandbox with no users configured.
    public static let anyAdmin = SandboxCaller(user: SandboxUser(email: "", role: .admin))

    /// Whether the caller may see and change `referral`.
    public func mayAccess(_ referral: JSONValue) -> Bool {
        switch user.role {
        case .admin?: return true
        case .user?:
            let team = referral.objectValue?["team"]?.arrayValue ?? []
            return team.contains { $0.objectValue?["email"]?.stringValue?.lowercased() == user.email.lowercased() }
        case nil: return false
        }
    }

    /// A 403 in the service's words, for a referral the caller may not see or change.
    var denied: APIError {
        APIError(403, "Forbidden", "\(user.email) may not see or change this referral: a Referral User sees only referrals whose team lists them")
    }
}

/// Which user a bearer token is: a configured user's own token, or (for tokens from Entra ID)
/// the `upn`, `preferred_username` or `email` claim of a JWT, unverified (the sandbox trusts
/// what it is given; it is a sandbox).
enum TokenIdentity {
    /// The email a token names, if any.
    static func email(in token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = SandboxJWT.decodeBase64URL(String(parts[1])),
            case .object(let claims)? = try? JSONParser.parse(bytes: payload)
        else { return nil }
        for claim in ["upn", "preferred_username", "email", "unique_name"] {
            if let value = claims[claim]?.stringValue, value.contains("@") { return value }
        }
        return nil
    }
}
