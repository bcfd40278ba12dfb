import Foundation
import RefScript
import ReferralKit
import ReferralsWire

#if canImport(Glibc)
import Glibc
#endif

/// Runs one file of a suite as a refsh process of its own, so that a crash or a hang fails
/// that file and not the run: its output goes to files in a scratch folder; it is killed at
/// the timeout. With the embedded sandbox, it gets a copy of the suite's freshly seeded store.
struct TestCaseProcess {
    let executable: String
    let options: TestSuiteOptions
    /// The folder whose `refsh/` holds the seeded store to copy, when files use the embedded sandbox.
    let template: String?
    let environment: [String: String]
    /// The suite's secrets, taken out of what a file printed once more.
    let keeper: SecretKeeper

    /// The file's result, with no secret in its output.
    func run(_ file: String) async -> TestCaseResult {
        await runUnredacted(file).redacted(by: keeper)
    }

    private func runUnredacted(_ file: String) async -> TestCaseResult {
        let scratch = NSTemporaryDirectory() + "refsh-test-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let started = ContinuousClock.now
        func elapsed() -> Double { (ContinuousClock.now - started).inSeconds }
        func broken(_ message: String) -> TestCaseResult {
            TestCaseResult(file: file, outcome: .failed, exitCode: 1, seconds: elapsed(), stdout: "", stderr: "", firstError: message)
        }
        do {
            try FileManager.default.createDirectory(atPath: scratch + "/data/refsh", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: scratch + "/state", withIntermediateDirectories: true)
            if let template {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: template + "/refsh")) ?? [] {
                    try FileManager.default.copyItem(atPath: template + "/refsh/" + name, toPath: scratch + "/data/refsh/" + name)
                }
            }
        } catch {
            return broken("\(file): cannot prepare its run: \(error.localizedDescription)")
        }
        var env = environment
        env["XDG_DATA_HOME"] = scratch + "/data"
        // With the embedded sandbox nothing of the user's state is wanted; against a real
        // endpoint the user's sign-in (the credential cache in the state folder) is.
        if template != nil { env["XDG_STATE_HOME"] = scratch + "/state" }
        env["REFSH_TEST_OUTCOME"] = scratch + "/outcome"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = options.connectionArguments + options.variables.flatMap { ["--var", "\($0.0)=\($0.1)"] } + ["--", file]
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: scratch + "/out", contents: nil),
            FileManager.default.createFile(atPath: scratch + "/err", contents: nil),
            let out = FileHandle(forWritingAtPath: scratch + "/out"), let err = FileHandle(forWritingAtPath: scratch + "/err")
        else { return broken("\(file): cannot prepare its run") }
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return broken("\(file): cannot start refsh: \(error.localizedDescription)")
        }
        var timedOut = false
        var stoppedAt: ContinuousClock.Instant?
        while process.isRunning {
            if elapsed() > options.timeoutSeconds {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            // refsh test stopped: the file stops as a script does on SIGTERM (its session journal
            // kept), and is killed if it has not within two seconds.
            if Task.isCancelled {
                if stoppedAt == nil {
                    stoppedAt = .now
                    kill(process.processIdentifier, SIGTERM)
                } else if let stoppedAt, ContinuousClock.now - stoppedAt > .seconds(2) {
                    kill(process.processIdentifier, SIGKILL)
                }
                usleep(5_000)  // a cancelled task's sleep returns at once
                continue
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let read = { (name: String) in FileManager.default.contents(atPath: scratch + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        let stdout = read("out")
        let stderr = read("err")
        let seconds = elapsed()
        var result = TestCaseResult(file: file, outcome: .passed, exitCode: 0, seconds: seconds, stdout: stdout, stderr: stderr)
        if stoppedAt != nil {
            result.outcome = .failed
            // As it ended: by the SIGTERM it was sent (143), or the SIGKILL after it (137).
            let status = process.terminationStatus
            result.exitCode = process.terminationReason == .uncaughtSignal ? 128 + status : status
            result.firstError = "\(file): stopped: refsh test itself was stopped (Ctrl-C or SIGTERM) while it ran"
            return result
        }
        if timedOut {
            result.outcome = .failed
            result.exitCode = 5
            result.firstError = "\(file): did not finish within \(WaitCommand.shown(options.timeoutSeconds)) s and was stopped"
            return result
        }
        if process.terminationReason == .uncaughtSignal {
            result.outcome = .failed
            result.exitCode = 128 + process.terminationStatus
            result.firstError = "\(file): refsh crashed (signal \(process.terminationStatus))"
            return result
        }
        result.exitCode = process.terminationStatus
        if result.exitCode != 0 {
            result.outcome = .failed
            let first = TestCaseResult.firstError(in: stderr)
            result.firstError = first?.text ?? stderr.lines().first.map(String.init) ?? "\(file): exit \(result.exitCode)"
            result.errorLocation = first?.location
        } else if let reason = try? String(contentsOfFile: scratch + "/outcome", encoding: .utf8) {
            result.outcome = .skipped(reason)
        }
        return result
    }
}
