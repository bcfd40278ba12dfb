import ReferralKit
import ReferralsWire

/// The Referrals API, emulated: a pure function of a request and the store's contents.
///
/// Routes: `GET|POST /v1.0/engagements/referrals`, `GET|PUT|PATCH /v1.0/engagements/referrals/{id}`.
/// Every response echoes `MS-RequestId` and `MS-CorrelationId`; every refusal is an
/// ``ErrorBody`` in the configured shape. See docs/sandbox.md.
public struct ReferralsAPI: Sendable {
    public let store: any ReferralStore
    public let configuration: SandboxConfiguration
    let clock: any SandboxClock
    let ids: any IdentifierSource
    /// Answers a create repeated with the same `MS-RequestId` as the first time.
    let creates = CreateLedger()
    /// The last list query's matches, for its later pages.
    let listSnapshot = ListSnapshot()
    /// When this sandbox started, by its clock: New referrals older than that expire 14 days after it.
    let startedAt: Double
    /// The address the server really listens on, once bound (links never name port 0).
    public let bound = BoundAddress()

    public init(
        store: any ReferralStore, configuration: SandboxConfiguration,
        clock: any SandboxClock = SystemClock(), ids: any IdentifierSource = RandomIdentifiers()
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.ids = ids
        startedAt = SandboxTime.seconds(clock.now()) ?? 0
    }

    /// A stored referral as the service would answer it now: expired if its time came, with its
    /// lists and links.
    func answered(_ stored: JSONValue, base: String) -> JSONValue {
        ProductionShape.withLinks(current(stored, now: clock.now()), base: base)
    }

    /// A stored referral as it is now (expired if its time came, its lists present): what reads
    /// show and what writes change, as of `now` (read once per request, however many referrals).
    func current(_ stored: JSONValue, now: String) -> JSONValue {
        ProductionShape.expired(ProductionShape.withLists(stored), now: SandboxTime.seconds(now) ?? 0, since: startedAt)
    }

    /// The scheme, host and port clients reach the sandbox at: from the request's `Host` header
    /// (so port 0 and proxies work), else the configured base URL.
    func baseURL(for request: SandboxRequest) -> String {
        guard let host = request.header("Host"), !host.isEmpty, host.count <= 255,
            host.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-:[]".unicodeScalars.contains($0)
            })
        else { return bound.url ?? configuration.baseURL }
        return "http://" + host
    }

    /// Answers one request.
    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        await answer(request) { try await route(request) }
    }

    /// Runs `produce` and turns what it throws into the error schema; every answer echoes
    /// `MS-RequestId` and `MS-CorrelationId`.
    public func answer(_ request: SandboxRequest, _ produce: () async throws -> SandboxResponse) async -> SandboxResponse {
        let requestId = Self.safeHeader(request.header(HeaderName.requestId)) ?? ids.next()
        let correlationId = Self.safeHeader(request.header(HeaderName.correlationId)) ?? ids.next()
        var response: SandboxResponse
        do {
            response = try await produce()
        } catch let error as APIError {
            response = error.response(configuration.errorShape)
        } catch {
            response = APIError(500, "InternalError", "the sandbox store failed: \(error)").response(configuration.errorShape)
        }
        response.headers += [
            (HeaderName.requestId, requestId), (HeaderName.correlationId, correlationId), (HeaderName.requestIdEcho, requestId),
        ]
        if let clientRequestId = Self.safeHeader(request.header(HeaderName.clientRequestId)) {
            response.headers.append((HeaderName.clientRequestId, clientRequestId))
        }
        return response
    }

    /// Echoes a caller's id only when it is plain printable text (no header injection).
    static func safeHeader(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count <= 128,
            value.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F })
        else { return nil }
        return value
    }

    private func route(_ request: SandboxRequest) async throws -> SandboxResponse {
        var path = request.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let collection = ReferralsRoutes.collectionPath
        // The route's words match without regard to case, as ASP.NET Core's routing matches
        // them (`/V1.0/Engagements/Referrals`); the id after them is taken as it is.
        let rest = path.dropFirst(collection.count)
        guard path.prefix(collection.count).lowercased() == collection, rest.isEmpty || rest.hasPrefix("/") else {
            throw APIError(404, "NotFound", "no such endpoint: \(request.method) \(path)")
        }
        let caller = try authorize(request)
        if request.bodyIncomplete {
            throw APIError(400, "InvalidBody", "the body ended before the length it announced, or could not be read")
        }
        if request.bodyExceedsLimit || request.body.count > configuration.maxBodyBytes {
            throw APIError(413, "PayloadTooLarge", "the body is larger than the limit of \(configuration.maxBodyBytes) bytes")
        }
        let id = rest.isEmpty ? nil : String(rest.dropFirst())
        // An id with a control character (`%00` decoded) never matches: a store that compares C
        // strings would otherwise take `r1\0x` for `r1`.
        if let id, id.isEmpty || id.contains("/") || id.count > 64 || id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw APIError(404, "NotFound", "no such referral")
        }
        switch (request.method, id) {
        case ("GET", nil): return try await list(request, caller: caller)
        case ("POST", nil):
            try RequestMediaType.requireJSON(request)
            let api = self
            return try await creates.answer(requestId: Self.safeHeader(request.header(HeaderName.requestId)), caller: caller) {
                try await api.create(request, caller: caller)
            }
        case ("GET", let id?): return try await fetch(id, request, caller: caller)
        case ("PUT", let id?):
            try RequestMediaType.requireJSON(request)
            return try await replace(id, request, caller: caller)
        case ("PATCH", let id?):
            try RequestMediaType.requireJSON(request)
            return try await update(id, request, caller: caller)
        case (_, nil):
            throw APIError(405, "MethodNotAllowed", "\(request.method) is not allowed here", headers: [(HeaderName.allow, "GET, POST")])
        default:
            // The advice fits a DELETE; a POST to a referral means a create, sent to the wrong place.
            let why =
                switch request.method {
                case "DELETE": " (a referral ends by moving to Closed)"
                case "POST": " (a referral is created with POST to the collection)"
                default: ""
                }
            throw APIError(
                405, "MethodNotAllowed", "\(request.method) is not allowed here\(why)", headers: [(HeaderName.allow, "GET, PUT, PATCH")])
        }
    }

    /// Whose allowance a request draws on when the sandbox throttles: a signed-in user's (a
    /// renewed or second token of the same user shares it, as the service throttles callers, not
    /// token strings), a configured user's, else the bearer token's own.
    func throttleKey(_ request: SandboxRequest) -> String {
        guard let header = request.header(HeaderName.authorization) else { return "" }
        let token = Self.bearerToken(header) ?? header
        if let signer = configuration.tokenSigner, let holder = signer.accessHolder(token) {
            return "user " + holder.user.email.lowercased()
        }
        if let user = configuredUser(token) { return "user " + user.email.lowercased() }
        return "token " + token
    }

    /// Whether the request's token names a caller: what ``authorize(_:)`` answers is not a 401
    /// (a user without a referrals role is a caller, refused later with 403).
    func authenticates(_ request: SandboxRequest) -> Bool {
        do {
            try authorize(request)
            return true
        } catch {
            return error.status != 401
        }
    }

    /// The token of an `Authorization: Bearer …` header; `nil` for another scheme.
    static func bearerToken(_ header: String) -> String? {
        header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst("bearer ".count).trimming(" ")) : nil
    }

    /// The configured user (`--user`) a plain token names: by their token, or by the email a
    /// JWT's claims give.
    private func configuredUser(_ token: String) -> SandboxUser? {
        guard !configuration.users.isEmpty else { return nil }
        let email = TokenIdentity.email(in: token)?.lowercased()
        return configuration.users.first(where: { $0.token == token || $0.user.email.lowercased() == email })?.user
    }

    /// Who the bearer token is; 401 without a valid one, 403 for a user with no referrals role.
    @discardableResult
    func authorize(_ request: SandboxRequest) throws(APIError) -> SandboxCaller {
        let challenge = [(HeaderName.wwwAuthenticate, "Bearer")]
        guard let token = request.header(HeaderName.authorization).flatMap(Self.bearerToken) else {
            throw APIError(401, "Unauthorized", "an Authorization: Bearer <token> header is required", headers: challenge)
        }
        if let signer = configuration.tokenSigner, let holder = signer.accessHolder(token) {
            guard holder.expires > SandboxTime.seconds(clock.now()) ?? 0 else {
                let expired = [(HeaderName.wwwAuthenticate, #"Bearer error="invalid_token", error_description="The access token has expired""#)]
                throw APIError(401, "Unauthorized", "the access token has expired: sign in again or refresh it", headers: expired)
            }
            // The role is the organization's (the sandbox's --user list), not what the sign-in page said.
            var user = holder.user
            if !configuration.users.isEmpty {
                guard let configured = configuration.users.first(where: { $0.user.email.lowercased() == user.email.lowercased() })?.user else {
                    throw APIError(401, "Unauthorized", "\(user.email) is not one of this sandbox's users", headers: challenge)
                }
                user = configured
            }
            return try Self.caller(user)
        }
        // An id token or a refresh token of this sandbox's sign-in is not a token for this API
        // (production checks the audience); only its access token is.
        if let signer = configuration.tokenSigner, signer.verify(token) != nil {
            let notAccess = [
                (HeaderName.wwwAuthenticate, #"Bearer error="invalid_token", error_description="The token is not an access token for this API""#)
            ]
            throw APIError(
                401, "Unauthorized", "the token is not an access token for this API (an id token or a refresh token?): send the access_token",
                headers: notAccess)
        }
        guard !configuration.users.isEmpty else {
            guard !token.isEmpty, configuration.token.map({ $0 == token }) ?? true else {
                throw APIError(401, "Unauthorized", "the bearer token is not valid", headers: challenge)
            }
            return .anyAdmin
        }
        guard let user = configuredUser(token) else {
            throw APIError(401, "Unauthorized", "the bearer token is not one of this sandbox's users", headers: challenge)
        }
        return try Self.caller(user)
    }

    /// The caller `user` is, or 403 when the organization gives them no referrals role.
    private static func caller(_ user: SandboxUser) throws(APIError) -> SandboxCaller {
        guard user.role != nil else {
            throw APIError(403, "Forbidden", "\(user.email) has no referrals role (Referral Admin or Referral User) in this organization")
        }
        return SandboxCaller(user: user)
    }

    private func fetch(_ id: String, _ request: SandboxRequest, caller: SandboxCaller) async throws -> SandboxResponse {
        let select = try singleSelection(request)  // the query is checked before the referral is looked up
        guard let stored = try await store.referral(id: id) else {
            throw APIError(404, "NotFound", "no referral with id \(id)")
        }
        guard caller.mayAccess(stored) else { throw caller.denied }
        let whole = answered(stored, base: baseURL(for: request))
        let referral = select.map(Self.project(whole)) ?? whole
        let context = JSONValue.string(ReferralsRoutes.entityContext(base: baseURL(for: request)))
        return SandboxResponse(
            status: 200, headers: [SandboxResponse.jsonContentType] + eTagHeader(whole),
            body: JSONPrinter.compact.bytes(referral.objectValue ?? JSONObject(), leading: [("@odata.context", context)]))
    }

    func eTagHeader(_ referral: JSONValue) -> [(String, String)] {
        ReferralDocument.eTag(of: referral).map { [(HeaderName.eTag, $0)] } ?? []
    }

    /// The request body as a JSON object with the schema's member names in their own spelling
    /// (input is matched without regard to case), or a 400 naming the line and column.
    func jsonBody(_ request: SandboxRequest) throws(APIError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: request.body)
        } catch {
            throw APIError(400, "InvalidJson", "the body is not valid JSON: \(error.description)")
        }
        guard case .object(let object) = value else {
            throw APIError(400, "InvalidJson", "the body must be a JSON object, not \(value.kindName)")
        }
        return Self.coercingNumbers(CanonicalNames.apply(.object(object)), at: JSONPath([])).objectValue ?? object
    }

    /// `value` with every numeric string at a decimal field made the number, as the service's
    /// deserializer reads `"dealValue": "10000"` (documented for PATCH; PUT and POST bodies go
    /// through the same reader).
    static func coercingNumbers(_ value: JSONValue, at path: JSONPath) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, coercingNumbers($0.value, at: path.appending(.key($0.key)))) }))
        case .array(let items):
            return .array(items.enumerated().map { coercingNumbers($0.element, at: path.appending(.index($0.offset))) })
        case .string:
            return coerce(value, at: path)
        default:
            return value
        }
    }
}
