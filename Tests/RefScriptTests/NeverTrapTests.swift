import Foundation
import GoldenSupport
import RefScript
import Shell
import Testing

/// Hostile input never traps: mutated versions of every golden script are parsed and, when they
/// parse, run. Any result is fine except a crash (which would end the test process) or a hang.
@Suite struct NeverTrapTests {
    static let alphabet = Array(#"{}[]()"'\$#;= .-0123456789abcé🎉\n\t,:!<>"#.unicodeScalars) + ["\n", "\r", "\u{0}"]

    @Test func mutatedScriptsParseOrFailWithAPosition() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let seeds = GoldenCase.all(in: GoldenScriptTests.directory).map(\.script)
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        for round in 0..<1500 {
            var scalars = Array(seeds[round % seeds.count].unicodeScalars)
            for _ in 0...next(4) {
                switch next(3) {
                case 0 where !scalars.isEmpty: scalars.remove(at: next(scalars.count))
                case 1: scalars.insert(Self.alphabet[next(Self.alphabet.count)], at: next(scalars.count + 1))
                default:
                    if !scalars.isEmpty { scalars[next(scalars.count)] = Self.alphabet[next(Self.alphabet.count)] }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
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
