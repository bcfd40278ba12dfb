import GoldenSupport
import ReferralKit
import Testing

@testable import RefScript

/// The values a failed `assert` names are kept for that one check: a failure while its message is
/// worked out leaves nothing behind for later conditions to pile up on.
@Suite struct ConditionValuesTests {
    func run(_ text: String) async throws -> (Interpreter, CapturedOutput) {
        let output = CapturedOutput()
        var interpreter = Interpreter(world: ScriptWorld(output: output, files: NoFiles(), environment: FixedEnvironment([:])))
        _ = await interpreter.run(try interpreter.parse(text, file: "values.refscript"))
        return (interpreter, output)
    }

    @Test func nothingIsKeptAfterAFailedAssertWhoseMessageFails() async throws {
        let script = """
            option errexit off
            let a 1
            assert $a == 2 "message with $undefined"
            if $a == 1
              echo after
            end
            assert $a == 3
            """
        let (interpreter, output) = try await run(script)
        #expect(interpreter.operandValues == nil)
        #expect(output.stdout == "after\n")
        #expect(output.stderr.hasSuffix("values.refscript:7:1: error: assertion failed: $a == 3 ($a is 1)\n"), "\(output.stderr)")
    }
}
