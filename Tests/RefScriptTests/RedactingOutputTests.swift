import GoldenSupport
import ReferralsWire
import Testing

@testable import RefScript

/// The session's token never shows in what the interpreter writes, whoever wrote it.
@Suite struct RedactingOutputTests {
    let long = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature"

    @Test func aTokenIsReplacedOnBothStreamsOnceSetAndNotAfterItIsCleared() {
        let captured = CapturedOutput()
        let output = RedactingOutput(captured)
        output.write("before \(long)\n")
        output.secret = Secret(long)
        output.write("a \(long) b \(long)\n")
        output.writeError("error: token \(long) expired\n")
        output.secret = nil
        output.write("after \(long)\n")
        #expect(captured.stdout == "before \(long)\na <redacted> b <redacted>\nafter \(long)\n")
        #expect(captured.stderr == "error: token <redacted> expired\n")
    }

    /// A short token is a secret too: redacted where it stands alone, while the words that
    /// contain its text are left as they are.
    @Test func aShortTokenIsRedactedAsAWholeTokenAndOrdinaryWordsStay() {
        let captured = CapturedOutput()
        let output = RedactingOutput(captured)
        output.secret = Secret("bench")
        output.write("token bench; benches and workbench stay; \"bench\", x=bench\n")
        #expect(captured.stdout == "token <redacted>; benches and workbench stay; \"<redacted>\", x=<redacted>\n")
        output.secret = Secret("a1")
        output.write("a1 a12 ba1 (a1)\n")
        #expect(captured.stdout.hasSuffix("<redacted> a12 ba1 (<redacted>)\n"))
    }

    @Test func theInterpreterRedactsWhatItPrintsOnceItsConnectionHasAToken() async {
        let captured = CapturedOutput()
        let world = ScriptWorld(output: captured, files: NoFiles(), environment: FixedEnvironment(["T": long]))
        var interpreter = Interpreter(world: world)
        interpreter.connection.token = Secret(long)
        let program = try? interpreter.parse("echo \"t=$env.T\"", file: "t.refscript")
        if let program { _ = await interpreter.run(program) }
        #expect(captured.stdout == "t=<redacted>\n")
    }
}

/// No files: the test above only prints.
struct NoFiles: FileSystem {
    func readText(_ path: String) throws(FileError) -> String { throw FileError("no files here") }
    func writeText(_ text: String, to path: String) throws(FileError) { throw FileError("no files here") }
    func entries(in directory: String) -> [String] { [] }
}
