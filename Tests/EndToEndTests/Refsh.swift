import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `refsh` binary as a child process and reports what it did, including its peak
/// resident memory (from `wait4`).
enum Refsh {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
        /// Peak resident set size of the child, in KiB.
        var maxRSSKiB: Int
    }

    /// The binary: `REFSH_BIN` (set by scripts/test), else next to the test bundle.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["REFSH_BIN"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("refsh").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/refsh"
    }

    /// Runs `executable` (refsh by default) with `arguments` in `directory`, feeding `stdin`.
    static func run(
        _ arguments: [String], stdin: String = "", in directory: String = NSTemporaryDirectory(),
        executable: String? = nil, environment: [String: String] = [:], timeoutSeconds: Double = 300
    ) throws -> Result {
        let scratch = NSTemporaryDirectory() + "refsh-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (inPath, outPath, errPath) = (scratch + "/in", scratch + "/out", scratch + "/err")
        try stdin.write(toFile: inPath, atomically: true, encoding: .utf8)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        // `sh` changes directory, then execs the program in the same process, so wait4 measures it.
        let program = "/bin/sh"
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable ?? binary] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        // Waits with a deadline: a hung child is killed and reported, never left to hang the suite.
        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
                throw TimedOut(command: command.dropFirst(4).joined(separator: " "), seconds: timeoutSeconds)
            }
            usleep(2_000)
        }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            status: exit, maxRSSKiB: usage.ru_maxrss)
    }

    /// A child that did not finish in time (it was killed).
    struct TimedOut: Error, CustomStringConvertible {
        var command: String
        var seconds: Double
        var description: String { "\(command) did not finish within \(Int(seconds)) s and was killed" }
    }

    /// The repository's Tests/Fixtures directory.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
}
