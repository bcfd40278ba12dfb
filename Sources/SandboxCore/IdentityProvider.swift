import Foundation
import ReferralKit
import ReferralsWire

/// Microsoft Entra ID, emulated for sign-in tests: the OAuth 2.0 device authorization grant
/// (RFC 8628) and the refresh-token grant (RFC 6749) under `/{tenant}/oauth2/v2.0/`, and the page
/// a person (or a test) approves a sign-in on, `/device`. Tokens are JWTs signed with the
/// sandbox's key; its API accepts the access tokens. See docs/sandbox.md, "Sign-in".
public struct IdentityProvider: Sendable {
    public let configuration: IdentityConfiguration
    let signer: SandboxJWT
    let clock: any SandboxClock
    let ids: any IdentifierSource
    let signIns = DeviceAuthorizations()
    /// The address the identity side listens on (for `verification_uri`), once bound.
    public let bound = BoundAddress()

    public init(
        configuration: IdentityConfiguration = IdentityConfiguration(), signer: SandboxJWT, clock: any SandboxClock = SystemClock(),
        ids: any IdentifierSource = RandomIdentifiers()
    ) {
        self.configuration = configuration
        self.signer = signer
        self.clock = clock
        self.ids = ids
    }

    var now: Double { SandboxTime.seconds(clock.now()) ?? 0 }

    /// Answers one request to the identity side.
    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        var response: SandboxResponse
        do {
            response = try await route(request)
        } catch let failure as EntraFailure {
            response = failure.response(traceId: ids.next(), correlationId: request.header("client-request-id") ?? ids.next(), now: clock.now())
        } catch {
            response = EntraFailure("server_error", 500, 50000, "The sandbox failed: \(error)").response(
                traceId: ids.next(), correlationId: ids.next(), now: clock.now())
        }
        response.headers += [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
        return response
    }

    private func route(_ request: SandboxRequest) async throws -> SandboxResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments == ["device"] {
            switch request.method {
            case "GET", "HEAD": return DevicePage.form(userCode: request.queryValue("user_code"))
            case "POST": return await decide(Form.fields(of: request.body))
            default: throw EntraFailure("invalid_request", 405, 900561, "The endpoint only accepts GET and POST requests.")
            }
        }
        guard segments.count == 4, segments[1] == "oauth2", segments[2] == "v2.0", Self.isTenant(segments[0]) else {
            throw EntraFailure("invalid_request", 404, 90002, "Tenant or endpoint '\(request.path.prefix(120))' not found.")
        }
        guard request.method == "POST" else {
            throw EntraFailure("invalid_request", 405, 900561, "The endpoint only accepts POST requests. Received a \(request.method) request.")
        }
        if let required = configuration.clientCredential, request.header(HeaderName.authorization) != "Bearer " + required {
            throw EntraFailure(
                "invalid_client", 401, 7_000_215, "Invalid client secret provided: this embedded sandbox signs in only its own refsh process.")
        }
        guard (request.header(HeaderName.contentType) ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw EntraFailure(
                "invalid_request", 400, 900144, "The request body must be application/x-www-form-urlencoded with the grant's parameters.")
        }
        let form = Form.fields(of: request.body)
        let tenant = segments[0]
        switch segments[3] {
        case "devicecode": return try await startDeviceCode(form, tenant: tenant)
        case "token": return try await token(form, tenant: tenant)
        default: throw EntraFailure("invalid_request", 404, 90002, "Endpoint '\(segments[3].prefix(40))' not found.")
        }
    }

    /// A tenant segment: a GUID, a domain name, `common` or `organizations`.
    static func isTenant(_ text: String) -> Bool {
        (1...100).contains(text.utf8.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-"
            }
    }

    /// The tenant id tokens carry for `tenant` as the sign-in named it.
    func tenantId(_ tenant: String) -> String {
        Self.isMultiTenant(tenant) ? configuration.defaultTenantId : tenant
    }

    /// Whether `tenant` is `common` or `organizations`: the user's home tenant, whichever it is.
    static func isMultiTenant(_ tenant: String) -> Bool {
        ["common", "organizations"].contains(tenant.lowercased())
    }

    private func startDeviceCode(_ form: [String: String], tenant: String) async throws -> SandboxResponse {
        let clientId = try Self.required("client_id", in: form)
        let scope = form["scope"] ?? ""
        guard scope.split(separator: " ").contains(where: { $0.hasPrefix(IdentityConfiguration.resource + "/") }) else {
            throw EntraFailure(
                "invalid_scope", 400, 70011,
                "The provided value for the input parameter 'scope' is not valid. The scope '\(scope.prefix(200))' does not name the resource \(IdentityConfiguration.resource)."
            )
        }
        let deviceCode = SandboxJWT.base64URL(SandboxJWT.newKeyBytes() + SandboxJWT.newKeyBytes())
        let userCode = Self.newUserCode()
        let lifetime = configuration.deviceCodeLifetimeSeconds
        await signIns.add(
            deviceCode: deviceCode,
            .init(userCode: userCode, clientId: clientId, tenant: tenant, scope: scope, expires: now + Double(lifetime)), now: now)
        let page = (bound.url ?? "http://127.0.0.1") + "/device"
        var answer = JSONObject()
        answer["user_code"] = .string(userCode)
        answer["device_code"] = .string(deviceCode)
        answer["verification_uri"] = .string(page)
        answer["expires_in"] = .int(lifetime)
        answer["interval"] = .int(configuration.pollIntervalSeconds)
        answer["message"] = .string("To sign in, use a web browser to open the page \(page) and enter the code \(userCode) to authenticate.")
        return .json(200, .object(answer))
    }

    /// `form[name]`, or the error Entra gives when a parameter is missing.
    static func required(_ name: String, in form: [String: String]) throws -> String {
        guard let value = form[name], !value.isEmpty else {
            throw EntraFailure("invalid_request", 400, 900144, "The request body must contain the following parameter: '\(name)'.")
        }
        return value
    }

    /// Nine characters nobody misreads (no vowels, no 0/1/O/I).
    static func newUserCode() -> String {
        let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<9).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The device page's form: approve (with `user` and `role`), `deny=1`, `slow_down=1`, or `fail=<AADSTS number>`.
    private func decide(_ form: [String: String]) async -> SandboxResponse {
        let code = (form["user_code"] ?? "").uppercased().filter { $0.isLetter || $0.isNumber }
        let slowDown = form["slow_down"] == "1"
        let decision: DeviceAuthorizations.Decision
        if slowDown {
            decision = .pending
        } else if form["deny"] == "1" {
            decision = .denied
        } else if let number = form["fail"], let failure = Int(number).flatMap(IdentityFailure.init(rawValue:)) {
            decision = .failing(failure)
        } else {
            let email = (form["user"] ?? "").trimmingCharacters(in: .whitespaces)
            guard email.contains("@"), email.count <= 254, !email.contains(where: { $0.isWhitespace }) else {
                return DevicePage.result(400, "Give the email of the user who signs in.")
            }
            let roleName = form["role"] ?? ReferralRole.admin.rawValue
            guard roleName == "none" || ReferralRole(rawValue: roleName) != nil else {
                return DevicePage.result(400, "The role is ReferralAdmin, ReferralUser or none.")
            }
            if configuration.directory.isEmpty {
                decision = .approved(SandboxUser(email: email, role: ReferralRole(rawValue: roleName)))
            } else if let user = configuration.directory.first(where: { $0.email.lowercased() == email.lowercased() }) {
                decision = .approved(user)  // with the organization's role for them
            } else {
                return DevicePage.result(400, "AADSTS50034: The user account \(email) does not exist in this directory (the sandbox's --user list).")
            }
        }
        guard await signIns.decide(userCode: code, decision, slowDown: slowDown, now: now) else {
            return DevicePage.result(400, "That code is not valid, has expired, or was already used.")
        }
        switch decision {
        case _ where slowDown: return DevicePage.result(200, "The next poll of this sign-in is answered with slow_down.")
        case .denied: return DevicePage.result(200, "The sign-in was declined.")
        case .approved(let user): return DevicePage.result(200, "\(user.email) is signed in to refsh. You may close this page.")
        default: return DevicePage.result(200, "The sign-in will fail as asked.")
        }
    }
}
