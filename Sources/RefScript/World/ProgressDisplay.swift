import ReferralKit
import Synchronization

/// Draws a parallel loop's ``ProgressLine`` over the last line of a terminal's standard error,
/// at most 10 times a second, and clears it before anything else is printed and at the end.
///
/// `@unchecked Sendable`: the sink is written only while holding the lock, by the loop's task
/// (printing an iteration's output, ``above(_:)``) and by its ticker (``tick(concurrency:)``).
final class ProgressDisplay: @unchecked Sendable {
    private struct State {
        var line: ProgressLine
        var lastDraw = -1.0
        var shown = false
        var finished = false
    }

    private let sink: any OutputSink
    private let started: Double
    private let state: Mutex<State>

    init(sink: any OutputSink, total: Int, jobs: Int) {
        self.sink = sink
        started = MonotonicSeconds.now()
        state = Mutex(State(line: ProgressLine(done: 0, total: total, failed: 0, elapsed: 0, concurrency: jobs, jobs: jobs)))
    }

    /// Counts finished iterations, and redraws when the last draw is 100 ms old.
    func update(done: Int, failed: Int) {
        state.withLock { state in
            state.line.done = done
            state.line.failed = failed
            draw(&state, force: false)
        }
    }

    /// The ticker: the throttle's concurrency, and a redraw (so the rate and ETA move during a pause).
    func tick(concurrency: Int) {
        state.withLock { state in
            state.line.concurrency = concurrency
            draw(&state, force: false)
        }
    }

    /// Runs `print` with the line cleared, so what it prints is not mixed with the bar.
    func above(_ print: () -> Void) {
        state.withLock { state in
            clear(&state)
            print()
        }
    }

    /// Clears the line for good.
    func finish() {
        state.withLock { state in
            clear(&state)
            state.finished = true
        }
    }

    private func draw(_ state: inout State, force: Bool) {
        let now = MonotonicSeconds.now()
        guard !state.finished, force || now - state.lastDraw >= 0.1 else { return }
        state.lastDraw = now
        state.line.elapsed = now - started
        sink.writeError("\r\u{1B}[2K" + state.line.text)
        state.shown = true
    }

    private func clear(_ state: inout State) {
        guard state.shown else { return }
        sink.writeError("\r\u{1B}[2K")
        state.shown = false
    }
}
