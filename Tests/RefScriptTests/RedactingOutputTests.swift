import GoldenSupport
import ReferralsWire
import Testing

@testable import RefScript

/// The session's token never shows in what the interpreter writes, whoever wrote it.
@Suite struct RedactingOutputTests {
    let long = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature"

    /// Once a secret is known it stays out of the output, also after the session has moved on
    /// to another token: an old or refreshed token is no less secret.
    @Test func aTokenIsReplacedOnBothStreamsOnceKnownAndStaysReplaced() {
        let captured = CapturedOutput()
        let keeper = SecretKeeper()
        let output = RedactingOutput(captured, keeper: keeper)
        output.write("before \(long)\n")
        keeper.remember(Secret(long))
        output.write("a \(long) b \(long)\n")
        output.writeError("error: token \(long) expired\n")
        keeper.remember(Secret(long + "-refreshed"))
        output.write("after \(long) and \(long)-refreshed\n")
        #expect(captured.stdout == "before \(long)\na <redacted> b <redacted>\nafter <redacted> and <redacted>\n")
        #expect(captured.stderr == "error: token <redacted> expired\n")
    }

    /// A short token is a secret too: redacted where it stands alone, while the words that
    /// contain its text are left as they are.
    @Test func aShortTokenIsRedactedAsAWholeTokenAndOrdinaryWordsStay() {
        let captured = CapturedOutput()
        let keeper = SecretKeeper()
        let output = RedactingOutput(captured, keeper: keeper)
        keeper.remember(Secret("bench"))
        output.write("token bench; benches and workbench stay; \"bench\", x=bench\n")
        #expect(captured.stdout == "token <redacted>; benches and workbench stay; \"<redacted>\", x=<redacted>\n")
        keeper.remember(Secret("a1"))
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
