import Client
import ReferralsWire
import Synchronization
import Testing

/// The session throttle's rules, on a test clock: AIMD on 429/503, Retry-After for everyone,
/// pacing to --rate, the pace learnt from 429s, and waiters that can be cancelled.
@Suite struct RequestGovernorTests {
    /// A clock that moves only when the governor sleeps; every sleep is recorded.
    final class TestClock: Sleeper {
        private let state = Mutex<(now: Double, sleeps: [Double])>((0, []))
        var now: Double { state.withLock { $0.now } }
        var sleeps: [Double] { state.withLock { $0.sleeps } }
        func advance(_ seconds: Double) { state.withLock { $0.now += seconds } }
        func sleep(seconds: Double) async {
            state.withLock {
                $0.now += seconds
                $0.sleeps.append(seconds)
            }
        }
    }

    func governor(_ clock: TestClock) -> RequestGovernor {
        RequestGovernor(now: { clock.now }, sleeper: clock)
    }

    @Test func a429HalvesTheConcurrencyOncePerWindowAndSuccessesGrowItBackByOne() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        await governor.setJobs(8)
        var tickets: [RequestGovernor.Ticket] = []
        for _ in 0..<8 { tickets.append(try #require(await governor.acquire())) }
        await governor.release(tickets[0], status: 429, retryAfter: nil)
        #expect(await governor.status().concurrency == 4)
        // The other seven were in flight when it was halved: their 429s do not halve it again.
        for ticket in tickets.dropFirst() { await governor.release(ticket, status: 429, retryAfter: nil) }
        #expect(await governor.status().concurrency == 4)
        #expect(await governor.status().throttled == 8)
        for expected in [5, 6] {
            for _ in 0..<(expected - 1) {
                let ticket = try #require(await governor.acquire())
                await governor.release(ticket, status: 200, retryAfter: nil)
            }
            #expect(await governor.status().concurrency == expected)
        }
        // A 503 halves it too, and never below 1.
        for _ in 0..<5 {
            let ticket = try #require(await governor.acquire())
            await governor.release(ticket, status: 503, retryAfter: nil)
        }
        let status = await governor.status()
        #expect(status.concurrency == 1)
        #expect(status.unavailable == 5)
        #expect(status.ceiling == 8)
    }

    @Test func aRetryAfterPausesEveryRequestNotOnlyTheOneThatGotIt() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        await governor.setJobs(4)
        let first = try #require(await governor.acquire())
        let second = try #require(await governor.acquire())
        await governor.release(first, status: 429, retryAfter: 3)
        #expect(await governor.status().pausedFor == 3)
        // Another worker's next request waits out the same pause.
        _ = try #require(await governor.acquire())
        #expect(clock.sleeps == [3])
        #expect(clock.now == 3)
        await governor.release(second, status: 200, retryAfter: nil)
        #expect(await governor.status().pausedFor == 0)
    }

    @Test func requestsArePacedToTheRate() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        await governor.setJobs(8)
        await governor.setRate(10)
        for _ in 0..<5 {
            let ticket = try #require(await governor.acquire())
            await governor.release(ticket, status: 200, retryAfter: nil)
        }
        #expect(abs(clock.now - 0.4) < 1e-9)  // slots at 0, 0.1, 0.2, 0.3, 0.4
        await governor.setRate(nil)
        let before = clock.now
        _ = try #require(await governor.acquire())
        #expect(clock.now == before)
    }

    @Test func theServicePaceIsLearntFromA429AndForgottenAfterAQuietHalfMinute() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        await governor.setJobs(8)
        for _ in 0..<40 {
            let ticket = try #require(await governor.acquire())
            clock.advance(0.01)
            await governor.release(ticket, status: 200, retryAfter: nil)
        }
        let throttled = try #require(await governor.acquire())
        await governor.release(throttled, status: 429, retryAfter: nil)
        #expect(await governor.status().learnedRate == 38)  // 40 in the last second, less 5%
        // Paced to it now: the next two requests are 1/38 s apart.
        let start = clock.now
        for _ in 0..<2 {
            let ticket = try #require(await governor.acquire())
            await governor.release(ticket, status: 200, retryAfter: nil)
        }
        #expect(abs(clock.now - start - 1.0 / 38) < 1e-6)
        clock.advance(31)
        let late = try #require(await governor.acquire())
        await governor.release(late, status: 200, retryAfter: nil)
        #expect(await governor.status().learnedRate == nil)
    }

    @Test func aWaiterForRoomCanBeCancelled() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        let held = try #require(await governor.acquire())
        let waiting = Task { await governor.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(await waiting.value == nil)
        // The permit held is still good, and once given back the next request goes.
        await governor.release(held, status: 200, retryAfter: nil)
        #expect(await governor.acquire() != nil)
    }

    @Test func aGovernedTransportReportsEachAnswerToTheGovernor() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        let scripted = ScriptedTransport([
            .respond(HTTPResponseData(status: 429, headers: [("Retry-After", "2")])), .respond(HTTPResponseData(status: 200)),
        ])
        let transport = GovernedTransport(scripted, governor: governor)
        let request = HTTPRequestData(method: "GET", url: "http://127.0.0.1:1/v1.0/engagements/referrals", headers: [])
        #expect(try await transport.send(request, timeoutSeconds: 5).status == 429)
        #expect(try await transport.send(request, timeoutSeconds: 5).status == 200)
        #expect(clock.sleeps == [2])
        #expect(await governor.status().throttled == 1)
    }

    /// A Retry-After longer than the client waits is reported by the request that got it, and
    /// pauses nothing: it held the user's next command that long, without a word. The sandbox's
    /// admin requests take no permit at all.
    @Test func aRetryAfterBeyondTheClientsLongestWaitPausesNothingAndAdminIsNeverHeld() async throws {
        let clock = TestClock()
        let governor = governor(clock)
        let scripted = ScriptedTransport([
            .respond(HTTPResponseData(status: 429, headers: [("Retry-After", "70")])), .respond(HTTPResponseData(status: 200)),
            .respond(HTTPResponseData(status: 429, headers: [("Retry-After", "5")])), .respond(HTTPResponseData(status: 200)),
            .respond(HTTPResponseData(status: 200)),
        ])
        let transport = GovernedTransport(scripted, governor: governor)
        let api = HTTPRequestData(method: "GET", url: "http://127.0.0.1:1/v1.0/engagements/referrals", headers: [])
        let admin = HTTPRequestData(method: "GET", url: "http://127.0.0.1:1/_sandbox/requests", headers: [])
        #expect(try await transport.send(api, timeoutSeconds: 5).status == 429)
        #expect(await governor.status().pausedFor == 0)
        #expect(try await transport.send(api, timeoutSeconds: 5).status == 200)
        #expect(try await transport.send(api, timeoutSeconds: 5).status == 429)
        #expect(try await transport.send(admin, timeoutSeconds: 5).status == 200)
        #expect(clock.sleeps.isEmpty, "the admin request waited \(clock.sleeps)")
        #expect(try await transport.send(api, timeoutSeconds: 5).status == 200)
        #expect(clock.sleeps == [5])
        // The admin prefix in a query's value is no admin request: it waits its turn.
        let queried = HTTPRequestData(method: "GET", url: "http://127.0.0.1:1/v1.0/engagements/referrals?$filter=x/_sandbox/y", headers: [])
        await governor.release(try #require(await governor.acquire()), status: 429, retryAfter: 4)
        _ = try await transport.send(queried, timeoutSeconds: 5)
        #expect(clock.sleeps == [5, 4])
    }
}
