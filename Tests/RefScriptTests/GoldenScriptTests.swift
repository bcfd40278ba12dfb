import Foundation
import GoldenSupport
import Shell
import Testing

@testable import RefScript

/// Runs every `Golden/*.golden` case through the same runner the `refsh` binary uses and
/// compares standard output, standard error, the exit code and files written.
/// `REFSH_UPDATE_GOLDEN=1 scripts/test` rewrites the expectations from actual results.
@Suite struct GoldenScriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A directory with the fixtures and the case's files, and a world whose output is captured.
    static func world(for golden: GoldenCase) throws -> (TemporaryDirectory, CapturedOutput, ScriptWorld) {
        let directory = try TemporaryDirectory.withFixtures()
        do {
            for (name, content) in golden.files {
                try content.write(toFile: directory.path + "/" + name, atomically: true, encoding: .utf8)
            }
        } catch {
            directory.remove()
            throw error
        }
        let output = CapturedOutput()
        let world = ScriptWorld(
            output: output, files: LocalFileSystem(directory: directory.path),
            environment: FixedEnvironment(golden.environment))
        return (directory, output, world)
    }

    @Test func thereAreEnoughCasesAndEveryFileIsOne() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".golden") }
        #expect(files.count >= 60)
        #expect(GoldenCase.all(in: Self.directory).count == files.count)
    }

    @Test(arguments: GoldenCase.all(in: Self.directory))
    func golden(_ golden: GoldenCase) async throws {
        let (directory, output, world) = try Self.world(for: golden)
        defer { directory.remove() }
        let code = await ScriptRunner.run(
            text: golden.script, name: "\(golden.name).refscript", arguments: golden.arguments,
            variables: golden.variables, world: world)
        var written: [(String, String)] = []
        for (name, _) in golden.expectedFiles {
            written.append((name, (try? String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)) ?? "<missing>"))
        }
        if GoldenCase.updating {
            var updated = golden
            updated.expectedFiles = written
            let text = updated.rendered(stdout: output.stdout, stderr: output.stderr, exitCode: code.rawValue)
            try text.write(to: Self.directory.appendingPathComponent("\(golden.name).golden"), atomically: true, encoding: .utf8)
            return
        }
        #expect(output.stdout == golden.stdout, "stdout of \(golden.name)")
        #expect(output.stderr == golden.stderr, "stderr of \(golden.name)")
        #expect(code.rawValue == golden.exitCode, "exit code of \(golden.name)")
        for ((name, expected), (_, actual)) in zip(golden.expectedFiles, written) {
            #expect(actual == expected, "file \(name) after \(golden.name)")
        }
    }

    /// A script too large to hold is run streamed: checked in pieces side by side, then parsed a
    /// batch ahead of running. Run every case that way, in tiny pieces and batches, so that every
    /// cut falls somewhere: the output must be the same as the golden file's.
    @Test(arguments: GoldenCase.all(in: Self.directory).filter { $0.expectedFiles.isEmpty })
    func goldenStreamed(_ golden: GoldenCase) async throws {
        let (directory, output, world) = try Self.world(for: golden)
        defer { directory.remove() }
        var interpreter = ScriptRunner.makeInterpreter(
            name: "\(golden.name).refscript", arguments: golden.arguments, variables: golden.variables, world: world)
        let code = await interpreter.runStreaming(golden.script, file: "\(golden.name).refscript", batchSize: 2, minimumPieceSize: 8)
        await interpreter.online.disconnect()
        #expect(output.stdout == golden.stdout, "stdout of \(golden.name)")
        #expect(output.stderr == golden.stderr, "stderr of \(golden.name)")
        #expect(code.rawValue == golden.exitCode, "exit code of \(golden.name)")
    }
}
