import GoldenSupport
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import RefScript

/// `wait until` against a service whose referral changes after a few reads, on a clock that
/// steps at once: it reloads every --every until the condition holds, and gives up at --timeout.
@Suite struct WaitCommandTests {
    /// A referral that is Active for the first `activeReads` reads, then Closed; the 2nd read is throttled.
    final class ChangingService: StubService, @unchecked Sendable {
        let activeReads: Int
        let reads = Mutex(0)
        init(activeReads: Int) { self.activeReads = activeReads }
        func fetch(id: String) async throws(ServiceError) -> ServerCopy {
            let count = reads.withLock { value in
                value += 1
                return value
            }
            if count == 2 { throw ServiceError(.unavailable, "429 Too Many Requests", origin: .response(status: 429)) }
            let status: JSONValue = count > activeReads ? "Closed" : "Active"
            return ServerCopy(referral: ["id": .string(id), "status": status], eTag: "\"e\(count)\"")
        }
    }

    /// A clock that moves on by each sleep, at once.
    final class SteppingClock: WaitClock, @unchecked Sendable {
        let time = Mutex(0.0)
        let sleeps = Mutex<[Double]>([])
        func now() -> Double { time.withLock { $0 } }
        func sleep(seconds: Double) async {
            time.withLock { $0 += seconds }
            sleeps.withLock { $0.append(seconds) }
        }
    }

    func run(_ script: String, service: ChangingService, clock: SteppingClock) async -> (CapturedOutput, ExitCode) {
        let output = CapturedOutput()
        var world = ScriptWorld(output: output, files: ReadOnlyFiles(), environment: FixedEnvironment(), connector: service)
        world.clock = clock
        var interpreter = Interpreter(world: world)
        let program = try? interpreter.parse(script, file: "w.refscript")
        let code = await interpreter.run(program ?? Program(statements: []))
        return (output, code)
    }

    @Test func itReloadsEveryIntervalUntilTheConditionHoldsAndWaitsOutAThrottledRead() async {
        let service = ChangingService(activeReads: 4)
        let clock = SteppingClock()
        let (output, code) = await run("load r1\nwait until status == Closed --every 3s\nget status", service: service, clock: clock)
        #expect(code == .success, "\(output.stderr)")
        #expect(output.stdout == "Closed\n")
        #expect(service.reads.withLock { $0 } == 5, "load, then four reloads (one throttled)")
        #expect(clock.sleeps.withLock { $0 } == [3, 3, 3])
    }

    @Test func atTheTimeoutItFailsWithTheLastValueSeen() async {
        let service = ChangingService(activeReads: 1000)
        let clock = SteppingClock()
        let (output, code) = await run("load r1\nwait until status == Closed --timeout 10s --every 2s", service: service, clock: clock)
        #expect(code == .service)
        #expect(output.stderr.hasSuffix("w.refscript:2:1: error: wait until status == Closed: still Active after 10 s\n"), "\(output.stderr)")
        #expect(clock.sleeps.withLock { $0 }.reduce(0, +) <= 10)
    }

    @Test func durationsReadAsScriptsWriteThem() {
        #expect(ScriptDuration.seconds("500ms") == 0.5)
        #expect(ScriptDuration.seconds("0.5s") == 0.5)
        #expect(ScriptDuration.seconds("2s") == 2)
        #expect(ScriptDuration.seconds("1m") == 60)
        #expect(ScriptDuration.seconds("3") == 3)
        for bad in ["", "s", "-1s", "1e3s", "soon", "inf", "nan"] { #expect(ScriptDuration.seconds(bad) == nil, "\(bad)") }
    }
}

/// A file system with no files.
struct ReadOnlyFiles: FileSystem {
    func readText(_ path: String) throws(FileError) -> String { throw FileError("no such file") }
    func writeText(_ text: String, to path: String) throws(FileError) { throw FileError("read-only") }
    func entries(in directory: String) -> [String] { [] }
}
