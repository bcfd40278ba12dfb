import ReferralKit
import ReferralsWire

extension ReferralsClient {
    /// The headers every request carries but `Authorization`, which each attempt adds.
    nonisolated func headers(requestId: String) -> [(name: String, value: String)] {
        [
            (HeaderName.accept, "application/json"), (HeaderName.requestId, requestId),
            (HeaderName.correlationId, configuration.correlationId), (HeaderName.contractVersion, "v1"),
            (HeaderName.locale, "en-US"), (HeaderName.userAgent, configuration.userAgent),
        ]
    }

    /// `request` with the credential's current token (or, after a 401, its renewed one).
    func authorized(_ request: HTTPRequestData, token: Secret?) -> HTTPRequestData {
        guard let token else { return request }
        configuration.secretKeeper.remember(token)
        var sent = request
        sent.headers.insert((HeaderName.authorization, "Bearer " + token.reveal()), at: 0)
        return sent
    }

    /// `text` with every secret the process holds taken out.
    nonisolated func scrubbed(_ text: String) -> String { configuration.secretKeeper.redact(text) }

    /// The HTTP request for a write, and how to tell whether it landed if its answer is lost
    /// (`nil` for a create: it is resent with the same `MS-RequestId`, which the service answers
    /// with its first answer).
    nonisolated func prepare(_ write: WriteRequest, requestId: String? = nil) -> (request: HTTPRequestData, check: LandedCheck?) {
        var headers = headers(requestId: requestId ?? makeRequestId())
        headers.append((HeaderName.contentType, "application/json"))
        switch write {
        case .create(let body):
            return (HTTPRequestData(method: "POST", url: configuration.collectionURL, headers: headers, body: JSONPrinter.compact.bytes(body)), nil)
        case .replace(let id, let body, let eTag):
            headers.append((HeaderName.ifMatch, eTag))
            let request = HTTPRequestData(method: "PUT", url: itemURL(id), headers: headers, body: JSONPrinter.compact.bytes(body))
            return (request, .replace(body))
        case .update(let id, let patch, let eTag):
            headers += [(HeaderName.ifMatch, eTag), (HeaderName.prefer, "return=representation")]
            let request = HTTPRequestData(method: "PATCH", url: itemURL(id), headers: headers, body: JSONPrinter.compact.bytes(patch.json))
            return (request, .update(patch))
        }
    }

    nonisolated func itemURL(_ id: String) -> String {
        configuration.collectionURL + "/" + PercentEncoding.encode(id)
    }

    /// A GET or admin request with the session's headers.
    func send(_ method: String, url: String) async throws(ServiceError) -> (response: HTTPResponseData, landed: ServerCopy?) {
        try await send(HTTPRequestData(method: method, url: url, headers: headers(requestId: makeRequestId())), writeCheck: nil)
    }

    /// Sends `request`, retrying as the policy allows, and returns a 2xx response, or the server
    /// copy when a write whose answer was lost turns out to have landed.
    func send(_ request: HTTPRequestData, writeCheck: LandedCheck?) async throws(ServiceError) -> (response: HTTPResponseData, landed: ServerCopy?) {
        let requestId = request.header(HeaderName.requestId) ?? ""
        let path = requestPath(of: request.url)
        // A GET, a write with If-Match (a second one fails with 412 if the first landed) and a
        // POST (the service answers a repeated MS-RequestId with its first answer) may be sent again.
        let retrySafe = request.method == "GET" || request.method == "POST" || request.header(HeaderName.ifMatch) != nil
        // `session` shows the last request of the API; the sandbox's admin calls do not count.
        let recorded = !path.hasPrefix(ReferralsRoutes.adminPrefix)
        var attempt = 0
        var mayHaveLanded = false
        var renewal: Secret?  // the token a 401 was answered with, once renewed
        var askedToWait = 0  // answers to this request that carried Retry-After
        while true {
            attempt += 1
            if Task.isCancelled {
                throw cancelled(request, path: path, requestId: requestId, attempts: attempt - 1, mayHaveLanded: mayHaveLanded)
            }
            let token: Secret?
            do {
                if let renewal { token = renewal } else { token = try await configuration.credential.currentToken() }
            } catch {
                throw credentialFailure(error, request, requestId: requestId, attempts: attempt - 1, mayHaveLanded: mayHaveLanded)
            }
            let response: HTTPResponseData
            do {
                response = try await transport.send(authorized(request, token: token), timeoutSeconds: configuration.timeoutSeconds)
            } catch {
                if Task.isCancelled {
                    // `session` names it: support needs the id of a write that may have landed.
                    if recorded {
                        last = Exchange(
                            method: request.method, path: path, status: 0, requestId: requestId, correlationId: configuration.correlationId,
                            attempts: attempt, cancelled: true)
                    }
                    throw cancelled(request, path: path, requestId: requestId, attempts: attempt, mayHaveLanded: true)
                }
                if recorded {
                    last = Exchange(
                        method: request.method, path: path, status: 0, requestId: requestId, correlationId: configuration.correlationId,
                        attempts: attempt)
                }
                if !error.isPermanent, !error.mayHaveBeenProcessed || retrySafe, let delay = nextDelay(after: attempt, retryAfter: nil) {
                    mayHaveLanded = mayHaveLanded || error.mayHaveBeenProcessed
                    announce(request, path: path, status: nil, reason: error.message, delay: delay, attempt: attempt)
                    await sleeper.sleep(seconds: delay)
                    continue
                }
                // Every answer to a write with an id was lost, and one may have been processed:
                // the server's copy says whether it landed (as after a lost answer and a 412).
                let processed = mayHaveLanded || error.mayHaveBeenProcessed
                var checked: Bool?  // whether the server's copy was read, and so the write known not to have landed
                if processed, !error.endsRun, let writeCheck, let id = Self.lastComponent(of: request.url) {
                    let server = try? await fetch(id: id)
                    if let server, writeCheck.landed(on: server.referral) {
                        var landed = server
                        landed.note =
                            "every answer to \(request.method) was lost, but the write had landed (request \(requestId)); took the server's copy"
                        return (HTTPResponseData(status: 0), landed)
                    }
                    checked = server != nil
                }
                // A transport's words are not ours to trust: take out the token if they quote it.
                var message = scrubbed(error.message)
                switch checked {
                case true?: message = "the server's copy does not have the change, so it can be sent again; " + message
                case false?: message = "the \(request.method) may have reached the service (load shows the server's copy); " + message
                case nil: break
                }
                var failure = ServiceError(
                    .unavailable, message, origin: error.endsRun ? .client : .transport(path: path), method: request.method,
                    attempts: attempt, requestId: requestId, mayHaveCreated: error.mayHaveBeenProcessed && request.method == "POST")
                failure.endsRun = error.endsRun
                throw failure
            }
            if recorded {
                last = Exchange(
                    method: request.method, path: path, status: response.status, requestId: requestId,
                    correlationId: configuration.correlationId, attempts: attempt)
            }
            if (200..<300).contains(response.status) { return (response, nil) }
            // A 401 may mean the token expired early or was revoked: a source that can renew it
            // is asked once, and the request is sent again with the new token.
            if response.status == 401, renewal == nil, let token {
                let fresh: Secret?
                do {
                    fresh = try await configuration.credential.renewed(after: token)
                } catch {
                    throw credentialFailure(error, request, requestId: requestId, attempts: attempt, mayHaveLanded: mayHaveLanded)
                }
                if let fresh {
                    renewal = fresh
                    continue
                }
            }
            let retryAfter = response.header(HeaderName.retryAfter)
            if RetryPolicy.retryableStatuses.contains(response.status),
                let delay = nextDelay(after: attempt, retryAfter: retryAfter, askedBefore: askedToWait)
            {
                if retryAfter != nil { askedToWait += 1 }
                announce(request, path: path, status: response.status, reason: HTTPStatusText.reason(response.status), delay: delay, attempt: attempt)
                await sleeper.sleep(seconds: delay)
                continue
            }
            let error = ErrorResponse.serviceError(
                response, method: request.method, requestId: requestId, attempts: attempt, keeper: configuration.secretKeeper)
            if error.kind == .conflict, mayHaveLanded, let writeCheck, let id = Self.lastComponent(of: request.url) {
                let server = try await fetch(id: id)
                if writeCheck.landed(on: server.referral) {
                    var landed = server
                    landed.note = "the answer to \(request.method) was lost, but the write had landed (request \(requestId)); took the server's copy"
                    return (response, landed)
                }
            }
            throw error
        }
    }

    /// A credential that could not give a token (a failed renewal, a failing token command) in
    /// the middle of a request: its error, with what the request had done so far, so that a
    /// create whose answer was lost before still says it may have landed.
    nonisolated func credentialFailure(_ error: ServiceError, _ request: HTTPRequestData, requestId: String, attempts: Int, mayHaveLanded: Bool)
        -> ServiceError
    {
        guard attempts > 0 else { return error }
        var failure = error
        failure.method = failure.method ?? request.method
        failure.requestId = requestId
        failure.attempts = attempts
        failure.mayHaveCreated = mayHaveLanded && request.method == "POST"
        if mayHaveLanded, request.method != "GET" {
            failure.message += "; the \(request.method) sent before may have reached the service"
        }
        return failure
    }

    /// The error of a call the user cancelled: a write that may have reached the service says so.
    nonisolated func cancelled(_ request: HTTPRequestData, path: String, requestId: String, attempts: Int, mayHaveLanded: Bool) -> ServiceError {
        let sentWrite = attempts > 0 && mayHaveLanded && request.method != "GET"
        let message =
            !sentWrite
            ? "cancelled"
            : request.method == "POST"
                ? "cancelled; the create may still have reached the service"
                : "cancelled; the write may still have reached the service: load shows the server's copy"
        return ServiceError(
            .cancelled, message, origin: .transport(path: path), method: request.method, attempts: max(attempts, 1), requestId: requestId,
            mayHaveCreated: sentWrite && request.method == "POST")
    }

    /// Tells the observer that `request` is sent again after `delay`.
    nonisolated func announce(_ request: HTTPRequestData, path: String, status: Int?, reason: String, delay: Double, attempt: Int) {
        guard let observer = configuration.observer else { return }
        let words = scrubbed(reason)
        observer.retrying(
            RetryNotice(
                method: request.method, path: path, status: status, reason: words, delaySeconds: delay, nextAttempt: attempt + 1,
                maximumAttempts: configuration.retry.maximumAttempts))
    }

    /// The wait before the next attempt, or `nil` when the policy says stop; `askedBefore`: how
    /// many earlier answers to this request carried Retry-After.
    func nextDelay(after attempt: Int, retryAfter: String?, askedBefore: Int = 0) -> Double? {
        let draw = Double(random.next() >> 11) / Double(1 << 53)
        return configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, askedBefore: askedBefore, random: draw)
    }

    /// The server copy in a 2xx answer, with its eTag (the field, else the header). An eTag the
    /// header alone carries goes into the copy as its `eTag` field, as the service writes it
    /// there: a copy saved to a file and opened again can still be written.
    nonisolated func copy(from response: HTTPResponseData, method: String) throws(ServiceError) -> ServerCopy {
        guard let referral = JSONParser.parseIfPossible(response.body), case .object(var object) = referral else {
            throw ServiceError(
                .unavailable, "the answer is not a referral (JSON object)", origin: .malformedAnswer(status: response.status),
                method: method)
        }
        if let eTag = ReferralDocument.eTag(of: referral) { return ServerCopy(referral: referral, eTag: eTag) }
        guard let header = response.header(HeaderName.eTag) else { return ServerCopy(referral: referral, eTag: nil) }
        object["eTag"] = .string(header)
        return ServerCopy(referral: .object(object), eTag: header)
    }

    /// `scheme://host[:port]` of an absolute URL.
    nonisolated func origin(of url: String) -> String? { AbsoluteURL(url)?.origin }

    /// The path and query of an absolute URL, for messages and `session`.
    static func path(of url: String) -> String { AbsoluteURL(url)?.pathAndQuery ?? url }

    /// ``path(of:)`` of a request's URL: one of this endpoint (all but a refused nextLink) is cut
    /// after the origin, with no parse (parsing it was 1.5% of a bulk loop). A property test
    /// holds it to ``path(of:)``.
    nonisolated func requestPath(of url: String) -> String {
        let (bytes, prefix) = (url.utf8, origin.utf8)
        guard !prefix.isEmpty, bytes.starts(with: prefix) else { return Self.path(of: url) }
        let rest = bytes.index(bytes.startIndex, offsetBy: prefix.count)
        guard rest != bytes.endIndex else { return "/" }
        // What follows the delimiter must not be able to join it into one character (a combining mark).
        let next = bytes.index(after: rest)
        guard [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(bytes[rest]), next == bytes.endIndex || bytes[next] < 0x80
        else { return Self.path(of: url) }
        return String(url[rest...])
    }

    static func lastComponent(of url: String) -> String? {
        url.split(separator: "/").last.map { PercentEncoding.decode(String($0)) }
    }
}
