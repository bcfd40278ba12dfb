import ReferralKit
import ReferralsWire

/// The Referrals API over HTTP: a ``ReferralService``.
///
/// Every request carries `Authorization: Bearer` (asked of the credential before each attempt,
/// and renewed once after a 401), a fresh `MS-RequestId` (the same on each
/// retry of that request) and the session's `MS-CorrelationId`. 429 and 503 are retried after
/// `Retry-After` or a jittered backoff; a request that never left is retried; a GET, a PUT or
/// PATCH (safe under `If-Match`) and a POST (the service answers a repeated `MS-RequestId` with
/// its first answer) are retried when the answer was lost. See docs/client.md.
public actor ReferralsClient: ReferralService {
    /// Settings that do not change during a connection.
    public struct Configuration: Sendable {
        /// The collection URL: `https://host/v1.0/engagements/referrals`.
        public var collectionURL: String
        /// Where the bearer token comes from; asked before every attempt.
        public var credential: any BearerCredential
        /// Every secret of the process, scrubbed from what the service or the transport says;
        /// each token sent is added to it.
        public var secretKeeper: SecretKeeper
        public var correlationId: String
        /// How `session` and the prompt name the endpoint.
        public var description: String
        public var retry: RetryPolicy
        public var timeoutSeconds: Double
        /// Told of each retry before its wait (refsh prints a line).
        public var observer: (any ServiceObserver)?
        /// `User-Agent`: the product and its version (`refsh/0.9.0`).
        public var userAgent = "refsh"

        public init(
            endpoint: String, token: Secret?, correlationId: String, description: String? = nil,
            retry: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 30, observer: (any ServiceObserver)? = nil
        ) {
            self.init(
                endpoint: endpoint, credential: FixedCredential(token), correlationId: correlationId, description: description,
                retry: retry, timeoutSeconds: timeoutSeconds, observer: observer)
        }

        public init(
            endpoint: String, credential: any BearerCredential, secretKeeper: SecretKeeper = SecretKeeper(), correlationId: String,
            description: String? = nil, retry: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 30,
            observer: (any ServiceObserver)? = nil
        ) {
            collectionURL = ReferralsRoutes.collectionURL(endpoint: endpoint)
            self.credential = credential
            self.secretKeeper = secretKeeper
            self.correlationId = correlationId
            // The endpoint as given (scheme, host, port, path): `session` shows it, and support
            // needs the port to tell two sandboxes apart.
            self.description = description ?? endpoint
            self.retry = retry
            self.timeoutSeconds = timeoutSeconds
            self.observer = observer
        }
    }

    let configuration: Configuration
    let transport: any HTTPTransport
    let sleeper: any Sleeper
    let makeRequestId: @Sendable () -> String
    var random: SplitMix64
    var last: Exchange?
    /// The last create whose every answer was lost, and its `MS-RequestId`: the same body sent
    /// again goes with the same id, which the service answers with its first answer, so a
    /// `create` retried by hand makes no second referral. Forgotten after any answer to a create.
    var lostCreate: (body: [UInt8], requestId: String)?
    /// `scheme://authority` of the collection URL, as written, when it is ASCII (else empty):
    /// what ``requestPath(of:)`` cuts off.
    nonisolated let origin: String

    public nonisolated var endpointDescription: String { configuration.description }

    public init(
        configuration: Configuration, transport: any HTTPTransport, sleeper: any Sleeper = TaskSleeper(),
        requestIds: @escaping @Sendable () -> String, seed: UInt64 = 0x5EED
    ) {
        self.configuration = configuration
        self.transport = transport
        self.sleeper = sleeper
        makeRequestId = requestIds
        random = SplitMix64(seed: seed)
        let origin = AbsoluteURL(configuration.collectionURL)?.origin ?? ""
        self.origin = origin.utf8.allSatisfy { $0 < 0x80 } ? origin : ""
    }

    // MARK: ReferralService

    public func fetch(id: String) async throws(ServiceError) -> ServerCopy {
        let response = try await send("GET", url: itemURL(id)).response
        return try copy(from: response, method: "GET")
    }

    public func list(query: ListQuery) async throws(ServiceError) -> ListPage {
        let url = try listURL(query)
        let response = try await send("GET", url: url).response
        guard let page = JSONParser.parseIfPossible(response.body).flatMap(ListPage.read) else {
            throw ServiceError(
                .unavailable, "the list answer is not the documented {\"value\": [...]} JSON",
                origin: .malformedAnswer(status: response.status), method: "GET")
        }
        return page
    }

    public func send(_ write: WriteRequest) async throws(ServiceError) -> ServerCopy {
        var (request, check) = prepare(write)
        guard case .create = write else { return try await deliver(write, request, check) }
        if let lost = lostCreate, lost.body == request.body ?? [] { (request, check) = prepare(write, requestId: lost.requestId) }
        do {
            let created = try await deliver(write, request, check)
            lostCreate = nil
            return created
        } catch {
            lostCreate = error.mayHaveCreated ? (request.body ?? [], request.header(HeaderName.requestId) ?? "") : nil
            throw error
        }
    }

    /// Sends a prepared write and reads the server's copy from its answer.
    private func deliver(_ write: WriteRequest, _ request: HTTPRequestData, _ check: LandedCheck?) async throws(ServiceError) -> ServerCopy {
        let (response, landed) = try await send(request, writeCheck: check)
        if let landed { return landed }
        if let id = write.referralId, request.method == "PATCH", response.status == 204 || response.body.isEmpty {
            return try await fetch(id: id)  // Prefer not honoured: read the new copy
        }
        do {
            return try copy(from: response, method: request.method)
        } catch  where request.method == "POST" {
            return try await createdCopy(response, request)
        }
    }

    /// The referral a create made when its 2xx answer holds none: read from the answer's
    /// `Location`. Without one (or when that read fails) the error says it was created, and a
    /// `create` again goes with the same MS-RequestId, which the service answers without making
    /// a second referral.
    private func createdCopy(_ response: HTTPResponseData, _ request: HTTPRequestData) async throws(ServiceError) -> ServerCopy {
        let requestId = request.header(HeaderName.requestId)
        let location = response.header(HeaderName.location).map { String($0.prefix { $0 != "?" && $0 != "#" }) }
        // A Location that names the collection itself names no referral.
        let collection = Self.lastComponent(of: configuration.collectionURL)
        let id = location.flatMap(Self.lastComponent(of:)).flatMap { $0 == collection ? nil : $0 }
        let created = "the referral was created, but the answer holds no referral"
        let again = "; create again sends the same MS-RequestId (no second referral)"
        guard let id else {
            throw ServiceError(
                .unavailable, created + " and no Location to read it from: list shows it" + again,
                origin: .malformedAnswer(status: response.status), method: "POST", requestId: requestId, mayHaveCreated: true)
        }
        do {
            return try await fetch(id: id)
        } catch  where error.kind == .cancelled {
            throw error
        } catch {
            throw ServiceError(
                .unavailable, created + ", and reading it from its Location failed (\(error.message)): load \(id) shows it" + again,
                origin: .malformedAnswer(status: response.status), method: "POST", requestId: requestId, mayHaveCreated: true)
        }
    }

    /// The URL of a list page: `nextLink` as the service wrote it (``NextLink``: on this
    /// endpoint's host only), else the collection with `$filter` and `$top`.
    nonisolated func listURL(_ query: ListQuery) throws(ServiceError) -> String {
        if let next = query.nextLink {
            guard let url = NextLink.url(toFollow: next, from: configuration.collectionURL) else {
                throw ServiceError(
                    .rejected,
                    "refusing to follow the nextLink \(VisibleText.of(configuration.secretKeeper.redact(next), upTo: 120)): it leads away from \(AbsoluteURL(configuration.collectionURL)?.origin ?? "the endpoint"), and the token would go with it"
                )
            }
            return url
        }
        var options: [(String, String)] = []
        if let filter = query.filter { options.append(("$filter", filter)) }
        if let top = query.top { options.append(("$top", String(top))) }
        return configuration.collectionURL
            + (options.isEmpty ? "" : "?" + options.map { $0.0 + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&"))
    }

    public nonisolated func plan(_ call: PlannedCall) throws(ServiceError) -> PlannedRequest? {
        // An id of its own, not the session's next: nothing is sent, and a replay hands out the
        // recorded ids in order, to the requests that are sent.
        let requestId = RequestIdentifier.random()
        let request: HTTPRequestData =
            switch call {
            case .fetch(let id): HTTPRequestData(method: "GET", url: itemURL(id), headers: headers(requestId: requestId))
            case .list(let query): HTTPRequestData(method: "GET", url: try listURL(query), headers: headers(requestId: requestId))
            case .write(let write): prepare(write, requestId: requestId).request
            }
        return PlannedRequest(
            method: request.method, url: request.url, headers: request.headers.map { PlannedRequest.Header($0.name, $0.value) },
            body: request.body, authorized: configuration.credential.isPresent)
    }

    public nonisolated func preview(_ write: WriteRequest) -> String {
        let request = prepare(write, requestId: "<new for each request>").request
        var text = "\(request.method) \(request.url) HTTP/1.1\n"
        if configuration.credential.isPresent { text += "\(HeaderName.authorization): Bearer <redacted>\n" }
        for header in request.headers { text += "\(header.name): \(header.value)\n" }
        if let body = request.body {
            let value = (try? JSONParser.parse(bytes: body)) ?? .string(String(decoding: body, as: UTF8.self))
            text += "\n" + JSONPrinter.pretty.print(value)
        }
        return text
    }

    public func admin(method: String, path: String, body: String?) async throws(ServiceError) -> JSONValue? {
        guard let root = origin(of: configuration.collectionURL) else { throw ServiceError(.rejected, "no endpoint") }
        var request = HTTPRequestData(method: method, url: root + ReferralsRoutes.adminPrefix + path, headers: headers(requestId: makeRequestId()))
        if let body { request.body = Array(body.utf8) }
        do {
            let response = try await send(request, writeCheck: nil).response
            return JSONParser.parseIfPossible(response.body)
        } catch let error where error.status == 404 && !error.message.contains("admin endpoints") {
            throw ServiceError(.rejected, "\(configuration.description) has no sandbox admin endpoints (only a sandbox does)")
        }
    }

    public func lastExchange() async -> Exchange? { last }

    public func close() async { await transport.shutdown() }
}
