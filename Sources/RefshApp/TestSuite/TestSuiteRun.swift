import Foundation
import RefScript
import ReferralKit
import ReferralsWire
import SafeFiles
import Shell

#if canImport(Glibc)
import Glibc
#endif

/// `refsh test`: every file a test case in a refsh process (and, with the embedded sandbox, a
/// freshly seeded store) of its own, `--jobs` at a time; a line per file in file order as soon as
/// the files before it are done; the closing line `N passed, N failed[, N skipped]`; JUnit and
/// TAP reports. Syntax errors in any file are reported before anything runs (exit 2).
public enum TestSuiteRun {
    /// ``run(_:environment:)`` stopped cleanly by Ctrl-C or SIGTERM once files run (a CI job
    /// cancelled): the files running get SIGTERM (then SIGKILL), none starts, the closing line
    /// and the reports are written with what finished; then ``Launch/exit(_:)`` ends refsh by
    /// that signal. Without this the files kept running after refsh test had gone.
    public static func runStoppable(_ options: TestSuiteOptions, environment: [String: String]) async -> ExitCode {
        await ScriptSignals.run { await run(options, environment: environment) }
    }

    public static func run(_ options: TestSuiteOptions, environment: [String: String]) async -> ExitCode {
        let streams = StandardStreams()
        let code = await run(options, environment: environment, streams: streams)
        streams.flush()
        // The lines and the TAP report are the run's output: not all of it written is a report
        // that could not be written (exit 2), said on standard error.
        guard let failure = streams.outputFailure else { return code }
        StandardStreams.writeError("refsh test: cannot write to standard output: \(failure)\n")
        return .usage
    }

    static func run(_ options: TestSuiteOptions, environment: [String: String], streams: StandardStreams) async -> ExitCode {
        let seedCount: Int
        do {
            seedCount = try Launch.sandboxSeedCount(environment: environment)
        } catch {
            streams.writeError("refsh test: \(error.message)\n")
            return .usage
        }
        let files: [String]
        switch TestDiscovery.files(options.paths) {
        case .failure(let problem):
            streams.writeError("refsh test: \(problem.message)\n")
            return .usage
        case .success(let found): files = found
        }
        // Each file read once: its token lines make the suite's secrets, then it is parsed.
        let scripts = files.map(ScriptFile.read)
        let keeper = SuiteSecrets.keeper(for: scripts, environment: environment, variables: options.variables)
        if let refusal = checkSyntax(scripts, keeper: keeper) {
            streams.writeError(refusal)
            return .usage
        }
        if let junit = options.junit, let problem = unwritable(junit) {
            streams.writeError("refsh test: cannot write the JUnit report \(junit): \(problem)\n")
            return .usage
        }
        let colors = isatty(1) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && !options.tap
        let shared = sharedEndpoint(options, environment: environment)
        if options.tap { streams.write(TAPReport.header(count: files.count)) }
        if let shared {
            let note = "files share \(shared): they see each other's writes, and a run depends on what is there"
            streams.write(options.tap ? "# " + note + "\n" : note + "\n")
        }
        var template: String?
        if shared == nil {
            switch await seededTemplate(seedCount: seedCount) {
            case .success(let folder): template = folder
            case .failure(let message):
                if options.tap { streams.write("Bail out! \(message)\n") }
                streams.writeError("refsh test: \(message)\n")
                return .service
            }
        }
        defer { if let template { try? FileManager.default.removeItem(atPath: template) } }
        let runner = TestCaseProcess(
            executable: executablePath(), options: options, template: template, environment: environment, keeper: keeper)
        let started = ContinuousClock.now
        let startedAt = Date()
        ScriptSignals.arm()
        let results = await runAll(files, runner: runner, jobs: max(1, options.jobs), failFast: options.failFast) { result, number in
            streams.write(options.tap ? TAPReport.point(result, number: number) : line(for: result, colors: colors))
            streams.flush()
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        let passed = results.filter { $0.outcome == .passed }.count
        let failed = results.filter { $0.outcome == .failed }.count
        let skipped = results.count - passed - failed
        let closing = "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
        streams.write(options.tap ? "# " + closing + "\n" : closing + "\n")
        if let junit = options.junit {
            do {
                try SafeFileWriter.write(Array(JUnitReport.render(results, seconds: seconds, timestamp: startedAt).utf8), to: junit)
            } catch {
                streams.writeError("refsh test: cannot write the JUnit report \(junit): \(error.message)\n")
                return .usage
            }
        }
        let failures = results.filter { $0.outcome == .failed }
        if failures.isEmpty { return .success }
        if failures.contains(where: \.isAssertion) { return .assertionFailed }
        return ExitCode(rawValue: failures.map(\.exitCode).max() ?? 1)
    }

    /// Runs `files`, `jobs` at a time; `report` sees each result in file order as soon as every
    /// file before it is done. With `failFast`, files not started after a failure are skipped.
    static func runAll(
        _ files: [String], runner: TestCaseProcess, jobs: Int, failFast: Bool, report: (TestCaseResult, Int) -> Void
    ) async -> [TestCaseResult] {
        var results = [TestCaseResult?](repeating: nil, count: files.count)
        var printed = 0
        var failedOnce = false
        await withTaskGroup(of: (Int, TestCaseResult).self) { group in
            var next = 0
            func startNext() {
                guard next < files.count else { return }
                let index = next
                next += 1
                if Task.isCancelled {
                    results[index] = TestCaseResult(
                        file: files[index], outcome: .skipped("not run: refsh test was stopped"), exitCode: 0, seconds: 0, stdout: "", stderr: "")
                    startNext()
                    return
                }
                if failFast, failedOnce {
                    results[index] = TestCaseResult(
                        file: files[index], outcome: .skipped("not run: an earlier file failed (--fail-fast)"), exitCode: 0, seconds: 0,
                        stdout: "", stderr: "")
                    startNext()
                    return
                }
                group.addTask { (index, await runner.run(files[index])) }
            }
            for _ in 0..<min(jobs, files.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                if result.outcome == .failed { failedOnce = true }
                startNext()
                while printed < files.count, let ready = results[printed] {
                    printed += 1
                    report(ready, printed)
                }
            }
        }
        while printed < files.count, let ready = results[printed] {
            printed += 1
            report(ready, printed)
        }
        return results.compactMap { $0 }
    }

    /// `✔ deals/close-won.refscript 0.21 s`, `✘ …` with the first error below, `- … skipped: why`.
    static func line(for result: TestCaseResult, colors: Bool) -> String {
        let paint = { (code: String, text: String) in colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let time = String(format: "%.2f s", result.seconds)
        let file = VisibleText.of(result.file)  // a name's escape sequence or line break must not reach the terminal raw
        switch result.outcome {
        case .passed: return paint("32", "✔") + " \(file) \(time)\n"
        case .skipped(let reason): return paint("33", "-") + " \(file) skipped" + (reason.isEmpty ? "" : ": " + reason) + "\n"
        case .failed: return paint("31", "✘") + " \(file) \(time)\n" + "  " + (result.firstError ?? "failed") + "\n"
        }
    }

    /// Every file parsed first: the files that cannot be read and the syntax errors, one line
    /// each in file order (a token any file sets redacted: an error may quote it), or `nil` when
    /// all parse.
    static func checkSyntax(_ scripts: [ScriptFile], keeper: SecretKeeper) -> String? {
        var errors = ""
        for script in scripts {
            switch script {
            case .unreadable(let line): errors += line + "\n"
            case .text(let file, let text):
                do {
                    _ = try Parser.parse(text, file: file, registry: .standard)
                } catch {
                    errors += keeper.redact(ErrorRenderer.render(error, showLocation: true)) + "\n"
                }
            }
        }
        return errors.isEmpty ? nil : errors
    }

    /// Why `path` cannot take a report, or `nil` when it can.
    static func unwritable(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "it is a directory" }
            if access(path, W_OK) != 0 { return "permission denied" }
        }
        // The report is written beside itself and renamed into place: its folder must take a file.
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "no such directory \(folder)"
        }
        return access(folder, W_OK) == 0 ? nil : "permission denied"
    }

    /// The real endpoint every file shares, when one is configured.
    static func sharedEndpoint(_ options: TestSuiteOptions, environment: [String: String]) -> String? {
        if let index = options.connectionArguments.firstIndex(of: "--endpoint"), index + 1 < options.connectionArguments.count {
            return options.connectionArguments[index + 1]
        }
        return environment["REFSH_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A folder whose `refsh/sandbox.sqlite` is freshly seeded, the same every time: each file's
    /// embedded sandbox starts from a copy.
    static func seededTemplate(seedCount: Int) async -> Result<String, TemplateFailure> {
        let folder = NSTemporaryDirectory() + "refsh-test-seed-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(
                atPath: folder + "/refsh", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            _ = try await openSandboxStore(path: folder + "/refsh/sandbox.sqlite", seedCount: seedCount)
        } catch {
            return .failure(TemplateFailure(message: "cannot seed the sandbox the files start from: \(error)"))
        }
        return .success(folder)
    }

    struct TemplateFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// This refsh's own executable, which runs each file.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
