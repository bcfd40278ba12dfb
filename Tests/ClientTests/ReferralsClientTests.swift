import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import Client

@Suite struct ReferralsClientTests {
    static let referral = #"{"id":"r1","status":"Active","substatus":"Accepted","details":{"dealValue":25000},"eTag":"\"e2\""}"#
    let secret = "s3cret-token-value"

    func client(
        _ transport: ScriptedTransport, sleeper: RecordingSleeper = RecordingSleeper(), retry: RetryPolicy = RetryPolicy(),
        observer: RecordingObserver? = nil
    ) -> ReferralsClient {
        let counter = Mutex(0)
        return ReferralsClient(
            configuration: .init(
                endpoint: "https://api.example.com", token: Secret(secret), correlationId: "corr-1", retry: retry, observer: observer),
            transport: transport, sleeper: sleeper,
            requestIds: {
                counter.withLock { count in
                    count += 1
                    return "req-\(count)"
                }
            })
    }

    @Test func everyRequestCarriesTokenIdsAndContract() async throws {
        let transport = ScriptedTransport([.respond(.json(200, Self.referral))])
        let copy = try await client(transport).fetch(id: "r1")
        #expect(copy.eTag == "\"e2\"")
        let request = try #require(transport.sent.first)
        #expect(request.url == "https://api.example.com/v1.0/engagements/referrals/r1")
        #expect(request.header("Authorization") == "Bearer \(secret)")
        #expect(request.header("MS-RequestId") == "req-1")
        #expect(request.header("MS-CorrelationId") == "corr-1")
        #expect(request.header("MS-Contract-Version") == "v1")
    }

    @Test func throttlingIsRetriedAfterRetryAfterWithTheSameRequestId() async throws {
        let throttled = HTTPResponseData.json(429, #"{"code":"TooManyRequests","description":"slow down"}"#, headers: [("Retry-After", "2")])
        let transport = ScriptedTransport([.respond(throttled), .respond(throttled), .respond(.json(200, Self.referral))])
        let sleeper = RecordingSleeper()
        let observer = RecordingObserver()
        let service = client(transport, sleeper: sleeper, observer: observer)
        _ = try await service.fetch(id: "r1")
        #expect(sleeper.recorded == [2, 4], "Retry-After, then doubling while it is throttled again")
        #expect(
            observer.recorded.map { "\($0.status ?? 0) \($0.reason) \($0.delaySeconds) \($0.nextAttempt)/\($0.maximumAttempts)" }
                == ["429 Too Many Requests 2.0 2/5", "429 Too Many Requests 4.0 3/5"])
        #expect(Set(transport.sent.map { $0.header("MS-RequestId") }) == ["req-1"])
        #expect(await service.lastExchange()?.attempts == 3)
        _ = try? await service.fetch(id: "r1")
        #expect(transport.sent.last?.header("MS-RequestId") == "req-2")
    }

    @Test func backoffWithoutRetryAfterGrowsWithJitterAndGivesUp() async throws {
        let unavailable = HTTPResponseData.json(503, #"{"code":"ServiceUnavailable","description":"down"}"#)
        let transport = ScriptedTransport(Array(repeating: .respond(unavailable), count: 5))
        let sleeper = RecordingSleeper()
        await #expect(throws: ServiceError.self) { try await client(transport, sleeper: sleeper).fetch(id: "r1") }
        let waits = sleeper.recorded
        #expect(waits.count == 4)
        for (i, wait) in waits.enumerated() {
            let ceiling = 0.25 * Double(1 << i)
            #expect(wait >= ceiling / 2 && wait <= ceiling)
        }
        let error = await #expect(throws: ServiceError.self) {
            try await client(ScriptedTransport(Array(repeating: .respond(unavailable), count: 5))).fetch(id: "r1")
        }
        #expect(
            error
                == ServiceError(
                    .unavailable, "down", origin: .response(status: 503), method: "GET", code: "ServiceUnavailable", attempts: 5,
                    requestId: "req-1"))
    }

    @Test func errorsAreOneLineWithCodeFieldAndRequestId() async throws {
        let body =
            #"{"code":"InvalidInput","description":"expected a number","data":[{"field":"details.dealValue","message":"expected a number"}],"source":"sandbox"}"#
        let transport = ScriptedTransport([.respond(.json(400, body))])
        let patch = JSONPatch([.replace(path: "/details/dealValue", value: "x")])
        let error = await #expect(throws: ServiceError.self) {
            try await client(transport).send(.update(id: "r1", patch: patch, ifMatch: "\"e1\""))
        }
        #expect(
            error
                == ServiceError(
                    .rejected, "expected a number", origin: .response(status: 400), method: "PATCH", code: "InvalidInput",
                    targets: ["details.dealValue"], requestId: "req-1"))
        let other = ScriptedTransport([.respond(.json(404, #"{"error":{"code":"NotFound","message":"no referral r9","target":"id"}}"#))])
        let missing = ServiceError(
            .rejected, "no referral r9", origin: .response(status: 404), method: "GET", code: "NotFound", targets: ["id"],
            requestId: "req-1")
        await #expect(throws: missing) { try await client(other).fetch(id: "r9") }
    }

    @Test(arguments: [(412, "PreconditionFailed"), (409, "Conflict"), (400, "2055")])
    func staleETagsAreConflicts(status: Int, code: String) async throws {
        let transport = ScriptedTransport([.respond(.json(status, #"{"code":"\#(code)","description":"stale"}"#))])
        let error = await #expect(throws: ServiceError.self) {
            try await client(transport).send(.replace(id: "r1", body: ["id": "r1"], ifMatch: "\"e1\""))
        }
        #expect(error?.kind == .conflict)
        #expect(error?.status == status)
        #expect(transport.sent.first?.header("If-Match") == "\"e1\"")
    }

    @Test func aLostPatchThatLandedIsRecognised() async throws {
        let patched = #"{"id":"r1","status":"Closed","substatus":"Won","details":{"dealValue":50000},"eTag":"\"e3\""}"#
        let transport = ScriptedTransport([
            .fail(TransportFailure(mayHaveBeenProcessed: true, "the server closed the connection without answering")),
            .respond(.json(412, #"{"code":"PreconditionFailed","description":"stale"}"#)),
            .respond(.json(200, patched)),
        ])
        let patch = JSONPatch([.replace(path: "/details/dealValue", value: "50000"), .replace(path: "/status", value: "Closed")])
        let copy = try await client(transport).send(.update(id: "r1", patch: patch, ifMatch: "\"e2\""))
        #expect(copy.eTag == "\"e3\"")
        #expect(copy.note?.contains("had landed") == true)
        #expect(transport.sent.map(\.method) == ["PATCH", "PATCH", "GET"])
        #expect(transport.sent[0].header("MS-RequestId") == transport.sent[1].header("MS-RequestId"))
    }

    @Test func aLostPatchThatDidNotLandIsAConflict() async throws {
        let someoneElse = #"{"id":"r1","status":"Active","substatus":"Accepted","details":{"dealValue":1},"eTag":"\"e9\""}"#
        let transport = ScriptedTransport([
            .fail(TransportFailure(mayHaveBeenProcessed: true, "no response in time")),
            .respond(.json(412, #"{"code":"PreconditionFailed","description":"stale"}"#)),
            .respond(.json(200, someoneElse)),
        ])
        let patch = JSONPatch([.replace(path: "/details/dealValue", value: .int(50000))])
        let error = await #expect(throws: ServiceError.self) { try await client(transport).send(.update(id: "r1", patch: patch, ifMatch: "\"e2\"")) }
        #expect(error?.kind == .conflict)
        #expect(error?.status == 412)
        #expect(transport.sent.map(\.method) == ["PATCH", "PATCH", "GET"])
    }

    /// The service answers a POST repeated with the same MS-RequestId with its first answer, so a
    /// create whose answer was lost is sent again, with the same id, and creates one referral.
    @Test func aPostWhoseAnswerWasLostIsResentWithTheSameRequestId() async throws {
        let lost = TransportFailure(mayHaveBeenProcessed: true, "no response in time")
        let transport = ScriptedTransport([.fail(lost), .respond(.json(200, Self.referral))])
        let created = try await client(transport).send(.create(["type": "Independent"]))
        #expect(created.referral.objectValue?["id"] == "r1")
        #expect(transport.sent.count == 2)
        #expect(Set(transport.sent.map { $0.header("MS-RequestId") }) == ["req-1"])

        // When every attempt loses its answer, the error still says the referral may exist.
        let silent = ScriptedTransport(Array(repeating: .fail(lost), count: 5))
        let error = await #expect(throws: ServiceError.self) { try await client(silent).send(.create(["type": "Independent"])) }
        #expect(error?.kind == .unavailable)
        #expect(error?.mayHaveCreated == true)
        #expect(error?.origin == .transport(path: "/v1.0/engagements/referrals"))
        #expect(silent.sent.count == 5)
    }

    /// `create` again after every answer was lost goes with the lost request's id (the service
    /// answers with the first create's referral); another body, or any answer, ends that.
    @Test func aCreateRetriedByHandAfterItsAnswersWereLostKeepsItsRequestId() async throws {
        let lost = TransportFailure(mayHaveBeenProcessed: true, "no response in time")
        let transport = ScriptedTransport(
            Array(repeating: .fail(lost), count: 5) + [.respond(.json(201, Self.referral)), .respond(.json(201, Self.referral))])
        let client = client(transport)
        await #expect(throws: ServiceError.self) { try await client.send(.create(["type": "Independent"])) }
        _ = try await client.send(.create(["type": "Independent"]))
        _ = try await client.send(.create(["type": "Independent"]))
        #expect(transport.sent.map { $0.header("MS-RequestId") } == Array(repeating: "req-1", count: 6) + ["req-3"])

        let other = ScriptedTransport(Array(repeating: .fail(lost), count: 5) + [.respond(.json(201, Self.referral))])
        let second = self.client(other)
        await #expect(throws: ServiceError.self) { try await second.send(.create(["type": "Independent"])) }
        _ = try await second.send(.create(["type": "Partner"]))
        #expect(other.sent.last?.header("MS-RequestId") == "req-2")
    }

    @Test func aRequestThatNeverLeftIsRetriedForAnyMethodAndEachRetryIsAnnounced() async throws {
        let transport = ScriptedTransport([
            .fail(TransportFailure(mayHaveBeenProcessed: false, "connecting timed out")),
            .respond(.json(201, Self.referral)),
        ])
        let observer = RecordingObserver()
        _ = try await client(transport, observer: observer).send(.create(["type": "Independent"]))
        #expect(transport.sent.count == 2)
        #expect(observer.recorded.map(\.reason) == ["connecting timed out"])
        #expect(observer.recorded.first?.status == nil)
    }

    @Test func aRequestThatCannotBeSentIsNotRetriedAndItsErrorHidesTheToken() async throws {
        let transport = ScriptedTransport([
            .fail(TransportFailure(mayHaveBeenProcessed: false, "bad header Bearer \(secret)", isPermanent: true)),
            .respond(.json(200, Self.referral)),
        ])
        let error = await #expect(throws: ServiceError.self) { try await client(transport).fetch(id: "r1") }
        #expect(transport.sent.count == 1)
        #expect(error?.message == "bad header Bearer <redacted>")
        #expect(error?.origin == .transport(path: "/v1.0/engagements/referrals/r1"))
        #expect(error?.attempts == 1)
    }

    @Test func aRefusedConnectionFailsAtOnceWithOneClearReason() async throws {
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5)
        let request = HTTPRequestData(method: "GET", url: "http://127.0.0.1:9/v1.0/engagements/referrals", headers: [])
        let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request, timeoutSeconds: 5) }
        await transport.shutdown()
        #expect(failure?.message == "cannot connect to 127.0.0.1:9: connection refused")
        #expect(failure?.isPermanent == true, "not worth retrying")
        #expect(failure?.mayHaveBeenProcessed == false)
    }

    @Test func anUnknownHostFailsAtOnce() async throws {
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5)
        let request = HTTPRequestData(method: "GET", url: "http://no-such-host.invalid/v1.0/engagements/referrals", headers: [])
        let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request, timeoutSeconds: 5) }
        await transport.shutdown()
        #expect(failure?.message.hasPrefix("cannot connect to no-such-host.invalid:80") == true, "\(failure?.message ?? "")")
        #expect(failure?.isPermanent == true)
    }

    @Test func theRealTransportRefusesAControlCharacterInAHeaderWithoutQuotingIt() async throws {
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 1)
        let request = HTTPRequestData(
            method: "GET", url: "http://127.0.0.1:9/v1.0/engagements/referrals", headers: [("Authorization", "Bearer \(secret)\n")])
        let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request, timeoutSeconds: 1) }
        await transport.shutdown()
        #expect(failure?.isPermanent == true)
        #expect(failure?.mayHaveBeenProcessed == false)
        #expect(failure?.message == "the Authorization header has a character HTTP does not allow (a control character)")
        #expect(AsyncHTTPTransport.isValidHeaderValue("Bearer a.b-c_d~e+f/g=\tx"))
        #expect(!AsyncHTTPTransport.isValidHeaderValue("a\rb"))
        #expect(!AsyncHTTPTransport.isValidHeaderValue("a\u{7F}"))
    }

    @Test func nextLinksToAnotherHostAreRefused() async throws {
        let transport = ScriptedTransport([])
        await #expect(throws: ServiceError.self) {
            try await client(transport).list(query: ListQuery(nextLink: "https://evil.example.net/v1.0/engagements/referrals?$skip=100"))
        }
        #expect(transport.sent.isEmpty)
        // The same host with its default port written out, and a relative link, are followed.
        let same = ScriptedTransport([.respond(.json(200, #"{"value":[]}"#)), .respond(.json(200, #"{"value":[]}"#))])
        _ = try await client(same).list(query: ListQuery(nextLink: "https://api.example.com:443/v1.0/engagements/referrals?$skiptoken=a"))
        _ = try await client(same).list(query: ListQuery(nextLink: "?$skiptoken=b"))
        #expect(
            same.sent.map(\.url) == [
                "https://api.example.com:443/v1.0/engagements/referrals?$skiptoken=a",
                "https://api.example.com/v1.0/engagements/referrals?$skiptoken=b",
            ])
    }

    @Test func listBuildsAnEncodedODataQuery() async throws {
        let transport = ScriptedTransport([.respond(.json(200, #"{"value":[],"@odata.count":0}"#))])
        let page = try await client(transport).list(query: ListQuery(filter: "status eq 'Active'", top: 20))
        #expect(page.count == 0)
        #expect(transport.sent.first?.url == "https://api.example.com/v1.0/engagements/referrals?$filter=status%20eq%20%27Active%27&$top=20")
    }

    @Test func theTokenNeverAppearsInPreviewsOrErrors() async throws {
        let service = client(ScriptedTransport([.respond(.json(401, #"{"code":"Unauthorized","description":"token \#(secret) expired"}"#))]))
        let preview = service.preview(.update(id: "r1", patch: JSONPatch([.replace(path: "/status", value: "Closed")]), ifMatch: "\"e1\""))
        #expect(preview.hasPrefix("PATCH https://api.example.com/v1.0/engagements/referrals/r1 HTTP/1.1\nAuthorization: Bearer <redacted>\n"))
        #expect(preview.contains("If-Match: \"e1\"\n"))
        #expect(preview.contains("Prefer: return=representation\n"))
        #expect(!preview.contains(secret))
        let error = await #expect(throws: ServiceError.self) { try await service.fetch(id: "r1") }
        #expect(error?.message == "token <redacted> expired")
        #expect(!"\(Secret(secret))".contains(secret))
        #expect(!String(reflecting: Secret(secret)).contains(secret))
    }
}
