import ReferralKit
import ReferralsWire

extension Interpreter {
    /// `for --jobs N [--journal FILE] name in list … end` (docs/bulk.md): iterations run N at a
    /// time, each with its own working copy and a snapshot of the variables, their output printed
    /// in list order; every request goes through the session's one throttle. Everything about the
    /// loop is checked before its first request.
    mutating func runParallel(
        _ name: String, items words: [Argument], body: [Statement], flags: LoopFlags, location: SourceLocation
    ) async throws(RefScriptError) -> Flow {
        let jobs: Int
        if let argument = flags.jobs { jobs = try ParallelLoop.jobs(try await value(of: argument), at: argument.location) } else { jobs = 1 }
        // The journal first: a bad one is refused before the list's own requests ((list …)).
        var journal: (journal: any LoopJournal, path: String)?
        if let argument = flags.journal { journal = try await openJournal(argument) }
        defer { journal?.journal.close() }
        let items: [JSONValue], keys: [String], pending: [Int]
        do {
            (items, keys, pending) = try await loopItems(words, journal: journal, at: location)
            if Self.sendsRequests(body) { _ = try await online.requireService() }
        } catch {
            journal?.journal.discardIfUnused()  // a refused loop leaves no journal it made behind
            throw error
        }

        let nested = OutputCapture.current != nil
        let throttle = nested ? nil : world.connector?.throttle
        await throttle?.setJobs(jobs)
        let progress =
            !nested && pending.count > 20 && redactingOutput.isErrorTerminal
            ? ProgressDisplay(sink: redactingOutput.terminal, total: pending.count, jobs: jobs) : nil
        let ticker = progress.map { display in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(200))
                    display.tick(concurrency: await throttle?.status().concurrency ?? jobs)
                }
            }
        }
        var run = LoopRun(keys: keys, pending: pending)
        online.recallSeenIds()  // once here, not from the file in every iteration
        let base = iterationBase()
        let window = max(64, 16 * jobs)
        // What an iteration wrote is redacted already: at the top, it goes straight to the terminal.
        let output: any OutputSink = nested ? world.output : redactingOutput.terminal
        await withTaskGroup(of: IterationOutcome.self) { group in
            func start(_ position: Int) {
                let item = items[pending[position]]
                let strand = RequestStrand.iteration(line: location.line, column: location.column, item: pending[position] + 1)
                group.addTask {
                    var child = base.interpreter
                    child.variables[name] = item
                    let capture = OutputCapture(quiet: child.options.quiet)
                    let flow = await RequestStrand.$current.withValue(strand) {
                        await OutputCapture.$current.withValue(capture) { await child.execute(body) }
                    }
                    if !child.online.sharesService { await child.online.disconnect() }  // a connection of its own
                    return IterationOutcome(
                        index: position, output: capture, flow: flow, failure: child.firstFailure, exitRequested: child.exitRequested,
                        skipReason: child.skipReason, seen: child.online.seenInIteration)
                }
            }
            // At most `jobs` running, and no more than a window ahead of the first not yet printed
            // (a slow first item must not make the others' output pile up without end).
            func fill() {
                while !run.stopping, !Task.isCancelled, run.started < pending.count, run.running < jobs, run.started - run.printedCount < window {
                    start(run.started)
                    run.started += 1
                }
            }
            fill()
            while let outcome = await group.next() {
                run.record(outcome, journal: journal?.journal)
                online.takeSeen(outcome.seen)
                for ready in run.readyToPrint() {
                    if let progress { progress.above { ready.output.replay(into: output) } } else { ready.output.replay(into: output) }
                }
                progress?.update(done: run.done, failed: run.failedCount)
                fill()
            }
        }
        online.storeSeen()
        ticker?.cancel()
        progress?.finish()
        await throttle?.setJobs(1)
        return finish(run, jobs: jobs, at: location)
    }

    /// The flow after the loop, with its summary: always with errexit off, and when a failure
    /// stopped it with others running (`--jobs 1` then prints exactly what a plain loop prints).
    private mutating func finish(_ run: LoopRun, jobs: Int, at location: SourceLocation) -> Flow {
        let notStarted = run.pending.count - run.started
        if run.interrupted {
            report(RefScriptError(.interrupted, "interrupted", at: location))
            world.output.writeError(
                ParallelLoop.summary(
                    done: run.done, failures: run.failures, stopped: run.interruptedCount, notStarted: notStarted, reason: "interrupted"))
            return .stop(.interrupted)
        }
        if var journalError = run.journalError {
            journalError.location = journalError.location ?? location  // the loop's line, as its other errors
            world.output.writeError(
                ParallelLoop.summary(done: run.done, failures: run.failures, notStarted: notStarted, reason: "the journal could not be written"))
            report(journalError)
            return .stop(journalError.exitCode)
        }
        guard let stop = run.stop else {
            if !options.errexit { world.output.writeError(ParallelLoop.summary(done: run.done, failures: run.failures, notStarted: 0)) }
            if let first = run.firstFailure {
                lastFailure = first.exitCode
                firstFailure = firstFailure ?? first  // an enclosing loop's iteration failed too
            }
            return .next
        }
        if stop.exitRequested { exitRequested = true }
        if let reason = stop.skipReason { skipReason = reason }  // refsh test counts the file as skipped
        if jobs > 1, stop.failed || run.failedCount > 0 {
            world.output.writeError(
                ParallelLoop.summary(
                    done: run.done, failures: run.failures, notStarted: notStarted, reason: stopReason(stop)))
        }
        return stop.flow
    }

    /// Why a failure stopped the loop, for its summary.
    private func stopReason(_ stop: IterationOutcome) -> String {
        if stop.exitRequested { return "exit" }
        if case .failed = stop.flow { return "a failure inside try" }
        if stop.failure?.serviceError?.endsRun == true || stop.failure?.kind == .interrupted { return "the run ended" }
        return options.errexit ? "errexit is on" : "the run ended"
    }

    /// The loop's items, their keys, and the positions still to run (those the journal does not
    /// list as done, which it says it skips).
    private mutating func loopItems(
        _ words: [Argument], journal: (journal: any LoopJournal, path: String)?, at location: SourceLocation
    ) async throws(RefScriptError) -> (items: [JSONValue], keys: [String], pending: [Int]) {
        var values: [JSONValue] = []
        for item in words { values.append(try await value(of: item)) }
        let items = try ParallelLoop.items(values, from: words, at: location)
        let itemKeys = items.map(ParallelLoop.key(of:))
        let keys = itemKeys.enumerated().map { $0.element ?? "item \($0.offset + 1)" }
        var pending = Array(items.indices)
        if let journal {
            if let index = itemKeys.firstIndex(where: { $0 == nil }) {
                throw RefScriptError(.command, "for --journal: item \(index + 1) is an object without a string id to journal it by", at: location)
            }
            let done = Set(journal.journal.finished)
            pending.removeAll { done.contains(keys[$0]) }
            let skipped = items.count - pending.count
            if skipped > 0 {
                world.output.writeError(
                    "for: \(ProgressLine.count(skipped)) of \(ProgressLine.count(items.count)) items already done (journal \(VisibleText.of(journal.path))), skipped\n"
                )
            }
        }
        return (items, keys, pending)
    }

    /// Opens (or creates) the journal `--journal` names, with the path it names.
    private mutating func openJournal(_ argument: Argument) async throws(RefScriptError) -> (journal: any LoopJournal, path: String) {
        let path = try await text(of: argument)
        do {
            return (try world.files.openLoopJournal(path), path)
        } catch {
            throw RefScriptError(.command, "for --journal: \(error.message)", at: argument.location)
        }
    }

    /// What each iteration starts from: this session with no referral loaded and nothing of its own
    /// journaled; its connection is shared, so an iteration that changes it makes its own.
    private func iterationBase() -> IterationInterpreter {
        var base = self
        base.workingCopy = WorkingCopy()
        base.journalSuspended = true
        base.quietInterruptions = true
        base.firstFailure = nil
        base.lastFailure = nil
        base.exitRequested = false
        base.online = base.online.forIteration()
        return IterationInterpreter(interpreter: base)
    }

    /// Whether a loop body may send requests: then the service is connected before the first
    /// iteration, so that every iteration shares it (and its throttle).
    private static func sendsRequests(_ body: [Statement]) -> Bool {
        Program(statements: body).invocations.contains {
            requestingCommands.contains(ObjectIdentifier($0.command)) || $0.command == WaitCommand.self || $0.command == SourceCommand.self
                || $0.command == SessionCommand.self
        }
    }
}

/// The bookkeeping of one parallel loop: what started, finished, failed, and what is printed.
struct LoopRun {
    let keys: [String]
    let pending: [Int]
    var started = 0
    var done = 0
    /// In list order.
    var failures: [(key: String, message: String)] { failed.sorted { $0.index < $1.index }.map { ($0.key, $0.message) } }
    private var failed: [(index: Int, key: String, message: String, code: ExitCode, error: RefScriptError?)] = []
    /// The first failure in list order (its error, else an `exit` code as one).
    var firstFailure: RefScriptError? {
        guard let first = failed.min(by: { $0.index < $1.index }) else { return nil }
        return first.error ?? RefScriptError(.command, first.message)
    }
    /// The earliest (in list order) iteration that stopped the loop.
    var stop: IterationOutcome?
    var journalError: RefScriptError?
    private var finished: [Int: IterationOutcome] = [:]
    private var printed = 0
    private var completed = 0
    /// Iterations started and not finished.
    var running: Int { started - completed }
    /// Iterations printed (all before the first one still running or unprinted).
    var printedCount: Int { printed }

    init(keys: [String], pending: [Int]) {
        self.keys = keys
        self.pending = pending
    }

    var failedCount: Int { failed.count }

    /// Iterations interrupted part-way (Ctrl-C): the loop says so once.
    var interruptedCount = 0
    var interrupted: Bool { interruptedCount > 0 }

    /// Whether no more iterations start.
    var stopping: Bool { stop != nil || journalError != nil }

    mutating func record(_ outcome: IterationOutcome, journal: (any LoopJournal)?) {
        finished[outcome.index] = outcome
        completed += 1
        if case .stop(let code) = outcome.flow, code == .interrupted {
            interruptedCount += 1
            stop = stop ?? outcome
            return  // neither done nor failed: it is run again next time
        }
        let key = keys[pending[outcome.index]]
        if outcome.failed {
            let error: RefScriptError? =
                if case .failed(let error) = outcome.flow { error } else { outcome.failure }
            let message = error.map { ErrorRenderer.render($0, showLocation: true) } ?? "exit \(Self.code(of: outcome.flow).rawValue)"
            failed.append((outcome.index, key, message, error?.exitCode ?? Self.code(of: outcome.flow), error))
        } else {
            done += 1
            if journalError == nil, let journal {
                do {
                    try journal.append(key)
                } catch {
                    journalError = RefScriptError(.command, "for --journal: cannot record \(key): \(error.message); the loop stops here")
                }
            }
        }
        let stops: Bool =
            switch outcome.flow {
            case .next: false
            case .stop, .failed: true
            }
        if stops || outcome.exitRequested, stop.map({ outcome.index < $0.index }) ?? true { stop = outcome }
    }

    /// The outcomes that can be printed now: every one whose predecessors all were.
    mutating func readyToPrint() -> [IterationOutcome] {
        var ready: [IterationOutcome] = []
        while let next = finished.removeValue(forKey: printed) {
            ready.append(next)
            printed += 1
        }
        return ready
    }

    private static func code(of flow: Interpreter.Flow) -> ExitCode {
        switch flow {
        case .next: .success
        case .stop(let code): code
        case .failed(let error): error.exitCode
        }
    }
}
