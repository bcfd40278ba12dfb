import ReferralKit
import ReferralsWire

/// What the server must do with a request: send `response`, after `latencyMilliseconds`, unless
/// a fault says to drop the connection instead.
public struct SandboxOutcome: Sendable {
    public enum Drop: Sendable, Equatable {
        /// Close without passing the request to the API: nothing was written.
        case beforeWrite
        /// The API answered (and committed); close without sending the answer.
        case afterWrite
    }
    public var response: SandboxResponse
    public var latencyMilliseconds: Int
    public var drop: Drop?
}

/// The whole sandbox: the Referrals API, injected faults, the request log and the admin surface
/// under `/_sandbox/` (a prefix the API cannot collide with).
public struct Sandbox: Sendable {
    public let api: ReferralsAPI
    public let faults: FaultInjector
    public let log: RequestLog
    /// How many generated referrals `POST /_sandbox/reset` seeds.
    public let seedCount: Int
    /// The Microsoft Entra ID emulation, served on a port of its own; `nil`: none.
    public let identity: IdentityProvider?
    /// Throttles each caller's requests when a limit is set.
    public let rateLimit: RateLimiter

    public init(
        api: ReferralsAPI, faults: FaultInjector = FaultInjector(), log: RequestLog = RequestLog(), seedCount: Int = 300,
        identity: IdentityProvider? = nil, rateLimit: RateLimiter = RateLimiter()
    ) {
        self.rateLimit = rateLimit
        self.api = api
        self.faults = faults
        self.log = log
        self.seedCount = seedCount
        self.identity = identity
    }

    /// Answers a request to the identity side (logged like the API's, as `identity /path`).
    public func handleIdentity(_ request: SandboxRequest) async -> SandboxOutcome {
        guard let identity else {
            return SandboxOutcome(response: SandboxResponse(status: 404), latencyMilliseconds: 0, drop: nil)
        }
        let response = await identity.handle(request)
        await log.record(
            RequestLog.Entry(
                method: request.method, path: "identity " + request.path, status: response.status, requestId: "",
                correlationId: request.header("client-request-id") ?? "", fault: nil))
        return SandboxOutcome(response: response, latencyMilliseconds: 0, drop: nil)
    }

    /// Decides the outcome of one request.
    public func handle(_ request: SandboxRequest) async -> SandboxOutcome {
        if request.path == ReferralsRoutes.openAPIPath, request.method == "GET" || request.method == "HEAD" {
            let document = OpenAPIDocument.json(serverURL: api.baseURL(for: request))
            return SandboxOutcome(response: await api.answer(request) { .json(200, document) }, latencyMilliseconds: 0, drop: nil)
        }
        if request.path.hasPrefix(ReferralsRoutes.adminPrefix) || request.path == "/_sandbox" {
            return SandboxOutcome(response: await api.answer(request) { try await admin(request) }, latencyMilliseconds: 0, drop: nil)
        }
        // A request without valid credentials is nobody's: it gets its 401, not a 429 that sends
        // a client with an expired token into retries (the gateway checks the token first).
        if await rateLimit.limit != nil, api.authenticates(request), let wait = await rateLimit.take(api.throttleKey(request)) {
            let response = await api.answer(request) {
                throw APIError(429, "TooManyRequests", "rate limit: retry after \(wait) s", headers: [(HeaderName.retryAfter, String(wait))])
            }
            await log.record(
                RequestLog.Entry(
                    method: request.method, path: request.path, status: 429, requestId: response.header(HeaderName.requestId) ?? "",
                    correlationId: response.header(HeaderName.correlationId) ?? "", fault: "rate-limit"))
            return SandboxOutcome(response: response, latencyMilliseconds: 0, drop: nil)
        }
        let effects = await faults.effects()
        let latency = effects.reduce(0) { total, effect in
            if case .latency(let ms) = effect { return total + ms }
            return total
        }
        var fault: String?
        var drop: SandboxOutcome.Drop?
        let response: SandboxResponse
        if effects.contains(.dropBeforeWrite) {
            fault = "drop-before"
            drop = .beforeWrite
            response = SandboxResponse(status: 0)
        } else if let (status, retryAfter) = effects.lazy.compactMap({ effect -> (Int, Int?)? in
            if case .status(let status, let retryAfter) = effect { return (status, retryAfter) }
            return nil
        }).first {
            fault = "\(status)"
            var headers = retryAfter.map { [(HeaderName.retryAfter, String($0))] } ?? []
            // An injected 401 is an expired token, and says so as Entra ID's resources do.
            if status == 401 {
                headers.append((HeaderName.wwwAuthenticate, #"Bearer error="invalid_token", error_description="The access token has expired""#))
            }
            let (code, text) = Self.injected(status, retryAfter: retryAfter)
            response = await api.answer(request) { throw APIError(status, code, text, headers: headers) }
        } else {
            response = await api.handle(request)
            if effects.contains(.dropAfterWrite) {
                fault = "drop-after"
                drop = .afterWrite
            }
        }
        await log.record(
            RequestLog.Entry(
                method: request.method, path: request.path, status: response.status,
                requestId: response.header(HeaderName.requestId) ?? "", correlationId: response.header(HeaderName.correlationId) ?? "",
                fault: fault ?? (latency > 0 ? "latency:\(latency)" : nil)))
        return SandboxOutcome(response: response, latencyMilliseconds: latency, drop: drop)
    }

    private func admin(_ request: SandboxRequest) async throws -> SandboxResponse {
        let caller = try api.authorize(request)
        // Resetting the store, injecting faults, moving the clock or the limit change the sandbox
        // for every user: a Referral Admin's to do (anyone's, in a sandbox without users).
        if request.method != "GET", caller.user.role != .admin {
            throw APIError(403, "Forbidden", "\(caller.user.email) may not change the sandbox: /_sandbox changes take a Referral Admin")
        }
        let name = String(request.path.dropFirst(ReferralsRoutes.adminPrefix.count))
        switch (request.method, name) {
        case ("GET", "requests"):
            return .json(200, await log.json)
        case ("DELETE", "requests"):
            await log.clear()
            return SandboxResponse(status: 204)
        case ("GET", "faults"):
            return .json(200, ["faults": .array(await faults.current.map { .string($0.description) })])
        case ("PUT", "faults"), ("POST", "faults"):
            var spec = String(decoding: request.body, as: UTF8.self)
            if let json = try? JSONParser.parse(spec), let text = json.objectValue?["spec"]?.stringValue { spec = text }
            do {
                await faults.set(try FaultRule.parse(spec))
            } catch {
                throw APIError(400, "InvalidFaults", error.message)
            }
            return .json(200, ["faults": .array(await faults.current.map { .string($0.description) })])
        case ("DELETE", "faults"):
            await faults.set([])
            return SandboxResponse(status: 204)
        case ("GET", "clock"):
            return .json(200, clockState())
        case ("PUT", "clock"), ("POST", "clock"), ("DELETE", "clock"):
            guard let clock = api.clock as? any AdjustableClock else {
                throw APIError(409, "FixedClock", "this sandbox's clock is fixed (a test clock); it cannot be moved")
            }
            let text = request.method == "DELETE" ? "0s" : String(decoding: request.body, as: UTF8.self).trimming(" \n\"")
            // From the time it would show, not where it stopped at the end of 9999 (so that real
            // time is always in reach).
            let now = clock.unstoppedSeconds
            let offset: Double
            if let shift = SandboxTime.shift(text) {
                // A shift moves the clock on from where it is; `0s` (or DELETE) puts it back to real time.
                offset = shift == 0 ? 0 : clock.offsetSeconds + shift
            } else if let at = SandboxTime.seconds(text) {
                offset = clock.offsetSeconds + at - now
            } else {
                throw APIError(400, "InvalidClock", "give a shift such as +15d, -2h, 30m, 0s, or a time such as 2026-12-24T00:00:00Z")
            }
            // Dates are written with four-digit years, as the service's are.
            guard SandboxTime.writableRange.contains(now - clock.offsetSeconds + offset) else {
                throw APIError(400, "InvalidClock", "the clock would leave the years 0001 to 9999, which dates are written in")
            }
            clock.setOffset(offset)
            return .json(200, clockState())
        case ("GET", "rate"):
            return .json(200, ["perSecond": await rateLimit.limit.map(JSONValue.int) ?? .null])
        case ("PUT", "rate"), ("POST", "rate"), ("DELETE", "rate"):
            let text = request.method == "DELETE" ? "0" : String(decoding: request.body, as: UTF8.self).trimming(" \n\"")
            let value = Int(text) ?? (try? JSONParser.parse(text))?.objectValue?["perSecond"]?.numberValue?.intValue
            guard let value, (0...1_000_000).contains(value) else {
                throw APIError(400, "InvalidRate", "give requests a second per caller, from 1 to 1000000 (0 or DELETE: no limit)")
            }
            await rateLimit.set(value)
            return .json(200, ["perSecond": await rateLimit.limit.map(JSONValue.int) ?? .null])
        case ("POST", "reset"):
            await faults.set([])
            await log.clear()
            try await api.store.removeAll()
            await api.creates.clear()
            let count = try await SandboxSeed.fill(api.store, count: seedCount)
            return .json(200, ["referrals": .int(count)])
        default:
            throw APIError(
                404, "NotFound",
                "admin endpoints: GET|DELETE /_sandbox/requests, GET|PUT|DELETE /_sandbox/faults, GET|PUT|DELETE /_sandbox/clock, GET|PUT|DELETE /_sandbox/rate, POST /_sandbox/reset"
            )
        }
    }
}

extension Sandbox {
    /// The clock as the admin surface shows it: the time now and how far it runs ahead.
    func clockState() -> JSONValue {
        let offset = (api.clock as? any AdjustableClock)?.offsetSeconds ?? 0
        return ["now": .string(api.clock.now()), "offsetSeconds": .int(Int(offset))]
    }

    /// The code and words of an injected status.
    static func injected(_ status: Int, retryAfter: Int?) -> (code: String, message: String) {
        switch status {
        case 401: ("Unauthorized", "injected fault: the token is not valid (expired)")
        case 403: ("Forbidden", "injected fault: the caller may not see or change this referral")
        case 408: ("RequestTimeout", "injected fault: the request took too long")
        case 409: ("Conflict", "injected fault: the referral is being changed by another request")
        case 429: ("TooManyRequests", "throttled; retry after \(retryAfter ?? 1) s")
        default: ("ServiceUnavailable", "injected fault: the service failed")
        }
    }
}
