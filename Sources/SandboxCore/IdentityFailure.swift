/// The Microsoft Entra ID failures the sandbox's identity side can answer a sign-in with, so a
/// test can see how refsh explains each (chosen on the device page with `fail=<number>`).
public enum IdentityFailure: Int, Sendable, CaseIterable {
    /// AADSTS65001: nobody consented to the application using the Partner Center API.
    case consentRequired = 65001
    /// AADSTS50076: the tenant requires multi-factor authentication for this sign-in.
    case mfaRequired = 50076
    /// AADSTS7000218: the application is not enabled for public client flows (device code).
    case publicClientFlowsDisabled = 7_000_218
    /// AADSTS700016: no application with this client id exists in the tenant.
    case applicationNotFound = 700016
    /// AADSTS50020: the user's account is not in this tenant.
    case userNotInTenant = 50020

    /// The OAuth error code Entra sends with it, and the HTTP status.
    var error: (code: String, status: Int) {
        switch self {
        case .consentRequired, .mfaRequired: ("invalid_grant", 400)
        case .publicClientFlowsDisabled: ("invalid_client", 401)
        case .applicationNotFound: ("unauthorized_client", 400)
        case .userNotInTenant: ("invalid_request", 400)
        }
    }

    /// Entra's description, after the `AADSTS<number>: ` prefix.
    func description(clientId: String) -> String {
        switch self {
        case .consentRequired:
            "The user or administrator has not consented to use the application with ID '\(clientId)'. Send an interactive authorization request for this user and resource."
        case .mfaRequired:
            "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd'."
        case .publicClientFlowsDisabled:
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
        case .applicationNotFound:
            "Application with identifier '\(clientId)' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."
        case .userNotInTenant:
            "User account from identity provider does not exist in tenant and cannot access the application '\(clientId)' in that tenant."
        }
    }
}
