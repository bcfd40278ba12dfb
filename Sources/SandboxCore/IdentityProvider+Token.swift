import ReferralKit

extension IdentityProvider {
    static let deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"

    /// `POST /{tenant}/oauth2/v2.0/token`: the device-code grant and the refresh-token grant.
    func token(_ form: [String: String], tenant: String) async throws -> SandboxResponse {
        let clientId = try Self.required("client_id", in: form)
        switch try Self.required("grant_type", in: form) {
        case Self.deviceCodeGrant: return try await redeemDeviceCode(try Self.required("device_code", in: form), clientId: clientId)
        case "refresh_token":
            return try await redeemRefreshToken(try Self.required("refresh_token", in: form), clientId: clientId, tenant: tenant)
        case let other:
            throw EntraFailure(
                "unsupported_grant_type", 400, 70003, "The app requested an unsupported grant type '\(other.prefix(80))'.")
        }
    }

    private func redeemDeviceCode(_ deviceCode: String, clientId: String) async throws -> SandboxResponse {
        guard let pending = await signIns.pending(deviceCode: deviceCode) else {
            throw EntraFailure("bad_verification_code", 400, 70000, "The provided value for the input parameter 'device_code' is not valid.")
        }
        guard pending.clientId == clientId else {
            throw EntraFailure("invalid_grant", 400, 70000, "The device code was issued to another application than '\(clientId.prefix(80))'.")
        }
        guard pending.expires > now else {
            await signIns.remove(deviceCode: deviceCode)
            throw EntraFailure("expired_token", 400, 70020, "The provided grant has expired. Start the sign-in again.")
        }
        if await signIns.takeSlowDown(deviceCode: deviceCode) {
            throw EntraFailure("slow_down", 400, 70016, "OAuth 2.0 device flow error. Polling too often: wait 5 seconds longer between polls.")
        }
        switch pending.decision {
        case .pending:
            throw EntraFailure("authorization_pending", 400, 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.")
        case .denied:
            await signIns.remove(deviceCode: deviceCode)
            throw EntraFailure("authorization_declined", 400, 70000, "The user declined the authorization request.")
        case .failing(let failure):
            await signIns.remove(deviceCode: deviceCode)
            let (code, status) = failure.error
            throw EntraFailure(code, status, failure.rawValue, failure.description(clientId: clientId))
        case .approved(let user):
            await signIns.remove(deviceCode: deviceCode)
            return await issue(to: user, clientId: clientId, tenantId: tenantId(pending.tenant), family: ids.next())
        }
    }

    /// `tenant` is the endpoint's: `common`, `organizations` or the token's own tenant. Another
    /// tenant's endpoint refuses it, as Entra ID refuses a user who is not in that tenant.
    private func redeemRefreshToken(_ token: String, clientId: String, tenant: String) async throws -> SandboxResponse {
        guard let claims = signer.verify(token), claims["typ"]?.stringValue == "refresh", let family = claims["fam"]?.stringValue,
            let tokenId = claims["jti"]?.stringValue, let email = claims["upn"]?.stringValue,
            let tenantId = claims["tid"]?.stringValue
        else {
            throw EntraFailure(
                "invalid_grant", 400, 9_002_313, "Invalid request. Request is malformed or invalid: the refresh token is not one this sandbox issued."
            )
        }
        guard claims["aud"]?.stringValue == clientId else {
            throw EntraFailure("invalid_grant", 400, 70000, "The refresh token was issued to another application than '\(clientId.prefix(80))'.")
        }
        guard self.tenantId(tenant).lowercased() == tenantId.lowercased() || Self.isMultiTenant(tenant) else {
            throw EntraFailure(
                "invalid_grant", 400, 50020,
                "User account '\(email.prefix(80))' from identity provider 'live.com' does not exist in tenant '\(tenant.prefix(80))' and cannot access the application '\(clientId.prefix(80))' in that tenant. The account needs to be added as an external user in the tenant first."
            )
        }
        guard (claims["exp"]?.numberValue?.doubleValue ?? 0) > now else {
            throw EntraFailure("invalid_grant", 400, 700082, "The refresh token has expired due to inactivity. Sign in again.")
        }
        guard await signIns.mayRedeem(family: family, tokenId: tokenId) else {
            throw EntraFailure(
                "invalid_grant", 400, 50173,
                "The provided grant has expired due to it being revoked: this refresh token was replaced by a newer one. Sign in again.")
        }
        let role = claims["roles"]?.arrayValue?.first?.stringValue.flatMap(ReferralRole.init(rawValue:))
        return await issue(to: SandboxUser(email: email, role: role), clientId: clientId, tenantId: tenantId, family: family)
    }

    /// A token answer for `user`: an access token the sandbox's API takes, an id token, and a new
    /// refresh token that replaces the sign-in's previous one.
    func issue(to user: SandboxUser, clientId: String, tenantId: String, family: String) async -> SandboxResponse {
        let issued = now.rounded(.down)
        let lifetime = configuration.tokenLifetimeSeconds
        var common = JSONObject()
        common["tid"] = .string(tenantId)
        common["iat"] = .int(Int(issued))
        common["nbf"] = .int(Int(issued))
        common["upn"] = .string(user.email)
        common["preferred_username"] = .string(user.email)
        common["oid"] = .string(ids.next())
        var access = common
        access["typ"] = "access"
        access["aud"] = .string(IdentityConfiguration.resource)
        access["iss"] = .string("https://sts.windows.net/\(tenantId)/")
        access["exp"] = .int(Int(issued) + lifetime)
        access["appid"] = .string(clientId)
        access["scp"] = "user_impersonation"
        access["roles"] = .array(user.role.map { [.string($0.rawValue)] } ?? [])
        access["jti"] = .string(ids.next())
        var id = common
        id["typ"] = "id"
        id["aud"] = .string(clientId)
        id["iss"] = .string((bound.url ?? "http://127.0.0.1") + "/\(tenantId)/v2.0")
        id["exp"] = .int(Int(issued) + lifetime)
        id["name"] = .string(String(user.email.prefix { $0 != "@" }))
        var refresh = common
        let refreshId = ids.next()
        refresh["typ"] = "refresh"
        refresh["aud"] = .string(clientId)
        refresh["exp"] = .int(Int(issued) + configuration.refreshLifetimeSeconds)
        refresh["roles"] = access["roles"]
        refresh["fam"] = .string(family)
        refresh["jti"] = .string(refreshId)
        await signIns.rotate(family: family, to: refreshId)
        var answer = JSONObject()
        answer["token_type"] = "Bearer"
        answer["scope"] = .string(IdentityConfiguration.resource + "/user_impersonation")
        answer["expires_in"] = .int(lifetime)
        answer["ext_expires_in"] = .int(lifetime)
        answer["access_token"] = .string(signer.sign(access))
        answer["refresh_token"] = .string(signer.sign(refresh))
        answer["id_token"] = .string(signer.sign(id))
        return .json(200, .object(answer))
    }
}
