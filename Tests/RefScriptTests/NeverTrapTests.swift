import Foundation
import GoldenSupport
import RefScript
import Shell
import Testing

/// Hostile input never traps: mutated versions of every golden script are parsed and, when they
/// parse, run. Any result is fine except a crash (which would end the test process) or a hang.
@Suite struct NeverTrapTests {
    @Test func mutatedScriptsParseOrFailWithAPosition() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let seeds = GoldenCase.all(in: GoldenScriptTests.directory).map(\.script)
        var mutator = ScriptMutator(seed: 0x5EED)
        for round in 0..<1500 {
            let text = mutator.mutate(seeds[round % seeds.count])
            let output = CapturedOutput()
            let world = ScriptWorld(output: output, files: LocalFileSystem(directory: dir.path), environment: FixedEnvironment())
            var interpreter = Interpreter(world: world, scriptName: "fuzz.refscript")
            do {
                let program = try interpreter.parse(text, file: "fuzz.refscript")
                _ = await interpreter.run(program)
            } catch {
                #expect(error.location != nil, "syntax error without a position for:\n\(text)")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
