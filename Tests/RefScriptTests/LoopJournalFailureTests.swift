import GoldenSupport
import ReferralKit
import Testing

@testable import RefScript

/// A loop journal that cannot be written (a full disk) stops the loop with one error at the
/// loop's line, as its other errors are; it had no place.
@Suite struct LoopJournalFailureTests {
    final class FullJournal: LoopJournal {
        var finished: [String] { [] }
        func append(_ key: String) throws(FileError) { throw FileError("no space left on device") }
        func close() {}
        func discardIfUnused() {}
    }

    struct FullDisk: FileSystem {
        func readText(_ path: String) throws(FileError) -> String { throw FileError("no such file") }
        func writeText(_ text: String, to path: String) throws(FileError) { throw FileError("no space left on device") }
        func entries(in directory: String) -> [String] { [] }
        func openLoopJournal(_ path: String) throws(FileError) -> any LoopJournal { FullJournal() }
    }

    @Test func aJournalThatCannotBeWrittenStopsTheLoopAtItsLine() async throws {
        let output = CapturedOutput()
        var interpreter = Interpreter(world: ScriptWorld(output: output, files: FullDisk(), environment: FixedEnvironment()))
        let program = try interpreter.parse(
            "echo start\nfor --jobs 2 --journal j.txt x in [a, b, c]\n  echo $x\nend\necho never\n", file: "l.refscript")
        let code = await interpreter.run(program)
        #expect(code == .commandFailed)
        #expect(
            output.stderr.hasSuffix("l.refscript:2:1: error: for --journal: cannot record a: no space left on device; the loop stops here\n"),
            "\(output.stderr)")
        #expect(!output.stdout.contains("never"))
    }
}
