import ReferralKit
import RefScript

extension ReferralsClient {
    /// The headers every request carries.
    nonisolated func headers(requestId: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let token = configuration.token { headers.append(("Authorization", "Bearer " + token.reveal())) }
        headers += [
            ("Accept", "application/json"), ("MS-RequestId", requestId), ("MS-CorrelationId", configuration.correlationId),
            ("MS-Contract-Version", "v1"), ("X-Locale", "en-US"), ("User-Agent", "refsh/0.1"),
        ]
        return headers
    }

    /// The HTTP request for a write.
    nonisolated func build(_ write: WriteRequest, requestId: String? = nil) -> HTTPRequestData {
        var headers = headers(requestId: requestId ?? makeRequestId())
        switch write {
        case .create(let body):
            headers.append(("Content-Type", "application/json"))
            return HTTPRequestData(method: "POST", url: configuration.collectionURL, headers: headers, body: JSONPrinter.compact.bytes(body))
        case .replace(let id, let body, let eTag):
            headers += [("Content-Type", "application/json"), ("If-Match", eTag)]
            return HTTPRequestData(method: "PUT", url: itemURL(id), headers: headers, body: JSONPrinter.compact.bytes(body))
        case .update(let id, let patch, let eTag):
            headers += [("Content-Type", "application/json"), ("If-Match", eTag), ("Prefer", "return=representation")]
            return HTTPRequestData(method: "PATCH", url: itemURL(id), headers: headers, body: JSONPrinter.compact.bytes(patch.json))
        }
    }

    nonisolated func itemURL(_ id: String) -> String { configuration.collectionURL + "/" + PercentEncoding.encode(id) }

    /// A GET or admin request with the session's headers.
    func send(_ method: String, url: String) async throws(ServiceError) -> (response: HTTPResponseData, landed: ServerCopy?) {
        try await send(HTTPRequestData(method: method, url: url, headers: headers(requestId: makeRequestId())), writeCheck: nil)
    }

    /// Sends `request`, retrying as the policy allows, and returns a 2xx response, or the server
    /// copy when a write whose answer was lost turns out to have landed.
    func send(_ request: HTTPRequestData, writeCheck: LandedCheck?) async throws(ServiceError) -> (response: HTTPResponseData, landed: ServerCopy?) {
        let requestId = request.header("MS-RequestId") ?? ""
        let path = Self.path(of: request.url)
        let retrySafe = request.method == "GET" || request.header("If-Match") != nil
        var attempt = 0
        var mayHaveLanded = false
        while true {
            attempt += 1
            let response: HTTPResponseData
            do {
                response = try await transport.send(request, timeoutSeconds: configuration.timeoutSeconds)
            } catch {
                last = Exchange(method: request.method, path: path, status: 0, requestId: requestId, correlationId: configuration.correlationId, attempts: attempt)
                if !error.isPermanent, !error.mayHaveBeenProcessed || retrySafe, let delay = nextDelay(after: attempt, retryAfter: nil) {
                    mayHaveLanded = mayHaveLanded || error.mayHaveBeenProcessed
                    await sleeper.sleep(seconds: delay)
                    continue
                }
                var message = "\(request.method) \(path): \(error.message)"
                // A transport's words are not ours to trust: take out the token if they quote it.
                if let token = configuration.token { message = token.redacted(in: message) }
                if attempt > 1 { message += " after \(attempt) attempts" }
                if error.mayHaveBeenProcessed, request.method == "POST" {
                    message += "; the referral may have been created: list to check"
                }
                throw ServiceError(.unavailable, message + " [request \(requestId)]")
            }
            last = Exchange(method: request.method, path: path, status: response.status, requestId: requestId, correlationId: configuration.correlationId, attempts: attempt)
            if (200..<300).contains(response.status) { return (response, nil) }
            if RetryPolicy.retryableStatuses.contains(response.status),
                let delay = nextDelay(after: attempt, retryAfter: response.header("Retry-After"))
            {
                await sleeper.sleep(seconds: delay)
                continue
            }
            let error = ErrorResponse.serviceError(response, method: request.method, requestId: requestId, attempts: attempt, token: configuration.token)
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

    /// The wait before the next attempt, or `nil` when the policy says stop.
    func nextDelay(after attempt: Int, retryAfter: String?) -> Double? {
        let draw = Double(random.next() >> 11) / Double(1 << 53)
        return configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, random: draw)
    }

    /// The server copy in a 2xx answer, with its eTag (header or field).
    nonisolated func copy(from response: HTTPResponseData, method: String) throws(ServiceError) -> ServerCopy {
        guard let referral = JSONParser.parseIfPossible(response.body), case .object = referral else {
            throw ServiceError(.unavailable, "\(method) \(response.status): the answer is not a referral (JSON object)", status: response.status)
        }
        return ServerCopy(referral: referral, eTag: ReferralDocument.eTag(of: referral) ?? response.header("ETag"))
    }

    /// Whether `url` has the endpoint's scheme, host and port (so the token may go there).
    nonisolated func sameOrigin(_ url: String) -> Bool {
        guard let a = origin(of: url), let b = origin(of: configuration.collectionURL) else { return false }
        return a.lowercased() == b.lowercased()
    }

    /// `scheme://host[:port]` of an absolute URL.
    nonisolated func origin(of url: String) -> String? { AbsoluteURL(url)?.origin }

    /// The path and query of an absolute URL, for messages and `session`.
    static func path(of url: String) -> String { AbsoluteURL(url)?.pathAndQuery ?? url }

    static func lastComponent(of url: String) -> String? {
        url.split(separator: "/").last.map { PercentEncoding.decode(String($0)) }
    }
}
