import ReferralKit
import ReferralsWire
import Testing

@testable import Client

/// What the client makes of answers that are not the plain case: a create with no referral in
/// it, a redirect or a bare 401, an eTag only in the header, Retry-After asked again.
extension ReferralsClientTests {
    /// A create answered 2xx without the referral: read from `Location`; without one, the error
    /// says it was created, and `create` again keeps the request id (no second referral).
    @Test func aCreateAnsweredWithoutTheReferralIsReadFromItsLocation() async throws {
        let emptyCreated = HTTPResponseData(status: 201, headers: [("Location", "https://api.example.com/v1.0/engagements/referrals/r1")], body: [])
        let transport = ScriptedTransport([.respond(emptyCreated), .respond(.json(200, Self.referral))])
        let created = try await client(transport).send(.create(["type": "Independent"]))
        #expect(created.referral.objectValue?["id"] == "r1")
        #expect(
            transport.sent.map { "\($0.method) \($0.url)" } == [
                "POST https://api.example.com/v1.0/engagements/referrals", "GET https://api.example.com/v1.0/engagements/referrals/r1",
            ])

        // A Location that names the collection names no referral: nothing is read from it.
        let atCollection = HTTPResponseData(status: 201, headers: [("Location", "https://api.example.com/v1.0/engagements/referrals/")], body: [])
        let collection = ScriptedTransport([.respond(atCollection)])
        await #expect(throws: ServiceError.self) { try await self.client(collection).send(.create(["type": "Independent"])) }
        #expect(collection.sent.count == 1, "no GET of the collection as if it were the referral")

        let bare = ScriptedTransport([.respond(HTTPResponseData(status: 201, headers: [], body: [])), .respond(.json(201, Self.referral))])
        let client = client(bare)
        let error = await #expect(throws: ServiceError.self) { try await client.send(.create(["type": "Independent"])) }
        #expect(
            error?.message.hasPrefix("the referral was created, but the answer holds no referral and no Location") == true, "\(error?.message ?? "")")
        #expect(error?.mayHaveCreated == true)
        _ = try await client.send(.create(["type": "Independent"]))
        #expect(bare.sent.map { $0.header("MS-RequestId") } == ["req-1", "req-1"], "the second create is the first, sent again")
    }
    /// An error answer that says nothing itself: a redirect names where it went and that refsh
    /// follows none; a bare 401 says how to give a token.
    @Test func aSilentRedirectOr401SaysWhatItMeans() async throws {
        let moved = HTTPResponseData(status: 302, headers: [("Location", "https://login.example.net/x")], body: [])
        let redirected = await #expect(throws: ServiceError.self) { try await client(ScriptedTransport([.respond(moved)])).fetch(id: "r1") }
        #expect(
            redirected?.message
                == "the service redirected to https://login.example.net/x; refsh follows no redirect (the token would go with it): check the endpoint URL"
        )
        let bare = HTTPResponseData(status: 401, headers: [], body: [])
        let refused = await #expect(throws: ServiceError.self) { try await client(ScriptedTransport([.respond(bare)])).fetch(id: "r1") }
        #expect(refused?.message == "the token was not accepted: sign in with login, or set one with token or REFSH_TOKEN")
        #expect(HTTPStatusText.reason(302) == "Found")
    }
    /// An eTag only in the header goes into the copy as its field: `save` then `open` and a
    /// write still have it (the copy had none, and the write was refused).
    @Test func anETagOnlyInTheHeaderGoesIntoTheCopy() async throws {
        let answer = HTTPResponseData(
            status: 200, headers: [("ETag", "\"h1\""), ("Content-Type", "application/json")], body: Array(#"{"id":"r1"}"#.utf8))
        let copy = try await client(ScriptedTransport([.respond(answer)])).fetch(id: "r1")
        #expect(copy.eTag == "\"h1\"")
        #expect(copy.referral == ["id": "r1", "eTag": "\"h1\""])
        let both = HTTPResponseData(status: 200, headers: [("ETag", "\"h2\"")], body: Array(#"{"id":"r1","eTag":"\"b2\""}"#.utf8))
        #expect(try await client(ScriptedTransport([.respond(both)])).fetch(id: "r1").eTag == "\"b2\"", "the body's comes first")
    }
    /// The throttling guidance: wait Retry-After, then back off exponentially; an HTTP date
    /// counts as 1 s; the wait never passes the longest Retry-After refsh waits for.
    @Test func retryAfterIsWaitedThenDoubled() {
        let policy = RetryPolicy()
        func waits(_ value: String) -> [Double?] {
            (1...5).map { policy.delay(afterAttempt: $0, retryAfter: value, askedBefore: $0 - 1, random: 0.5) }
        }
        #expect(waits("7") == [7, 14, 28, 56, nil])
        #expect(waits("Wed, 21 Oct 2026 07:28:00 GMT") == [1, 2, 4, 8, nil])
        #expect(waits("0") == [0, 2, 4, 8, nil])
        #expect(waits("40") == [40, 60, 60, 60, nil])
        #expect(waits("61") == [nil, nil, nil, nil, nil])
        // Only answers that asked to wait count: a 503 without Retry-After before does not.
        #expect(policy.delay(afterAttempt: 2, retryAfter: "30", askedBefore: 0, random: 0.5) == 30)
    }

    /// Only answers that asked to wait make the wait double: a 503 without Retry-After before
    /// a 429 with one leaves its Retry-After as it is.
    @Test func aRetryAfterDoublesOnlyForAnswersThatAskedToWait() async throws {
        let unavailable = HTTPResponseData(status: 503, headers: [], body: [])
        let throttled = HTTPResponseData(status: 429, headers: [("Retry-After", "30")], body: [])
        let sleeper = RecordingSleeper()
        let transport = ScriptedTransport([.respond(unavailable), .respond(throttled), .respond(.json(200, Self.referral))])
        _ = try await client(transport, sleeper: sleeper).fetch(id: "r1")
        #expect(sleeper.recorded.count == 2)
        #expect(sleeper.recorded.last == 30, "\(sleeper.recorded)")
    }
}
