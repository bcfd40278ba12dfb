import DequeModule
import ReferralKit
import ReferralsWire

/// The session's one throttle (docs/bulk.md): every API request waits here for a permit, so that
/// a parallel loop's workers share one budget. It honours `Retry-After` for everyone (a 429
/// pauses every request until then), halves the concurrency on a 429 or 503 and grows it back by
/// one per window of successes (AIMD), paces requests to `--rate` when one is set, and learns
/// the service's pace from its 429s: the successes of the second before one, less 5%, growing
/// again by 1% a second and forgotten after 30 s without a 429.
public actor RequestGovernor: RequestThrottle {
    /// A permit: the adaptation window it was given in, so that the 429s of requests that were
    /// already in flight when the concurrency was halved do not halve it again.
    public struct Ticket: Sendable {
        let epoch: Int
    }

    private var ceiling = 1
    private var limit = 1
    private var inFlight = 0
    private var rate: Double?
    private var learned: Double?
    private var learnedAt = 0.0
    private var lastThrottle = 0.0
    private var nextSlot = 0.0
    private var pausedUntil = 0.0
    private var epoch = 0
    private var successesInWindow = 0
    private var throttled = 0
    private var unavailable = 0
    private var recentSuccesses = Deque<Double>()
    private var waiters = Deque<(id: UInt64, continuation: CheckedContinuation<Void, Never>)>()
    private var cancelledWaiters: Set<UInt64> = []
    /// Waiters that have an id but are not parked yet (their cancellation may come first).
    private var registering: Set<UInt64> = []
    private var nextWaiter: UInt64 = 0
    private let now: @Sendable () -> Double
    private let sleeper: any Sleeper

    /// The longest `Retry-After` that pauses every request: the client's own longest wait
    /// (``RetryPolicy/maximumRetryAfter``). A request told to wait longer is reported rather
    /// than retried, so such a pause would only hold the user's next command, without a word.
    public static let longestPause = RetryPolicy().maximumRetryAfter

    /// - Parameters:
    ///   - now: seconds on a monotonic clock (tests pass their own).
    ///   - sleeper: how a paced or paused request waits.
    public init(now: @escaping @Sendable () -> Double = MonotonicSeconds.now, sleeper: any Sleeper = TaskSleeper()) {
        self.now = now
        self.sleeper = sleeper
    }

    /// Lets up to `jobs` requests be in flight, starting there (a parallel loop's `--jobs`).
    public func setJobs(_ jobs: Int) {
        ceiling = max(1, jobs)
        limit = ceiling
        successesInWindow = 0
        epoch += 1
        wake()
    }

    /// Caps the requests a second (`--rate`, `option rate`); `nil` lifts the cap.
    public func setRate(_ perSecond: Double?) {
        rate = perSecond.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    /// The concurrency, caps, counts and pause now.
    public func status() -> ThrottleStatus {
        ThrottleStatus(
            concurrency: limit, ceiling: ceiling, rate: rate, learnedRate: learned, throttled: throttled, unavailable: unavailable,
            pausedFor: max(0, pausedUntil - now()))
    }

    /// The pace requests go at now: the smaller of `--rate` and the learnt one.
    private var pace: Double? {
        switch (rate, learned) {
        case (let set?, let learnt?): min(set, learnt)
        case (let set?, nil): set
        case (nil, let learnt): learnt
        }
    }

    /// Waits for a permit: no pause in force, fewer than the concurrency in flight, and the
    /// pace's next slot reached. `nil` when the task was cancelled while waiting.
    public func acquire() async -> Ticket? {
        while !Task.isCancelled {
            let time = now()
            if pausedUntil > time {
                await sleeper.sleep(seconds: pausedUntil - time)
                continue
            }
            if inFlight >= limit {
                await waitForRoom()
                continue
            }
            inFlight += 1
            if let pace {
                let slot = max(nextSlot, time)
                nextSlot = slot + 1 / pace
                if slot > time { await sleeper.sleep(seconds: slot - time) }
                // A pause may have begun while this one waited for its slot: it waits that out too.
                while pausedUntil > now(), !Task.isCancelled { await sleeper.sleep(seconds: pausedUntil - now()) }
                if Task.isCancelled {
                    inFlight -= 1  // the permit it took goes back
                    break
                }
            }
            return Ticket(epoch: epoch)
        }
        wake()  // a wake-up this waiter took, or the permit it gave back, goes to the next
        return nil
    }

    /// Counts an answer that went through no permit (a replay's): its 429 or 503 is shown by
    /// ``status()``, and nothing waits or gives way for it.
    public func count(status: Int) {
        if status == 429 { throttled += 1 } else if status == 503 { unavailable += 1 }
    }

    /// Gives the permit back with how the request ended: its status, and the `Retry-After`
    /// seconds it carried; `nil` status for a request that got no answer.
    public func release(_ ticket: Ticket, status: Int?, retryAfter: Double?) {
        inFlight -= 1
        defer { wake() }
        let time = now()
        guard let status else { return }
        if status == 429 || status == 503 {
            if status == 429 { throttled += 1 } else { unavailable += 1 }
            if let retryAfter, retryAfter > 0, retryAfter <= Self.longestPause { pausedUntil = max(pausedUntil, time + retryAfter) }
            guard ticket.epoch == epoch else { return }  // this window already gave way
            epoch += 1
            limit = max(1, limit / 2)
            successesInWindow = 0
            if status == 429 { learn(at: time) }
            return
        }
        recentSuccesses.append(time)
        while let first = recentSuccesses.first, first < time - 1 { recentSuccesses.removeFirst() }
        successesInWindow += 1
        if successesInWindow >= limit, limit < ceiling {
            limit += 1
            successesInWindow = 0
        }
        if let current = learned {
            if time - lastThrottle > 30 {
                learned = nil
            } else if time - learnedAt >= 1 {
                learned = current * 1.01
                learnedAt = time
            }
        }
    }

    /// A 429: the service's pace is about what succeeded in the second before it (when that was
    /// enough requests to tell).
    private func learn(at time: Double) {
        lastThrottle = time
        let recent = Double(recentSuccesses.count { $0 >= time - 1 })
        if recent >= 10 {
            learned = min(learned ?? .infinity, recent * 0.95)
            learnedAt = time
        } else if let current = learned {
            learned = max(1, current / 2)
            learnedAt = time
        }
    }

    private func waitForRoom() async {
        nextWaiter += 1
        let id = nextWaiter
        registering.insert(id)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                registering.remove(id)
                if cancelledWaiters.remove(id) != nil {
                    continuation.resume()
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index).continuation.resume()
        } else if registering.contains(id) {
            cancelledWaiters.insert(id)  // parks in a moment: it goes on at once then
        }
    }

    /// Lets as many waiters go as there is room for.
    private func wake() {
        var room = limit - inFlight
        while room > 0, let waiter = waiters.popFirst() {
            waiter.continuation.resume()
            room -= 1
        }
    }

}
