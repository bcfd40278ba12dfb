import GoldenSupport
import ReferralKit
import Testing

@testable import RefScript

/// No depth of input kills refsh: each recursive construct has a limit (256, as JSON's) reported
/// as an ordinary positioned syntax error, tested at ten times the limit; long flat chains
/// (`and`/`or`) are lists, handled iteratively, whatever their length.
@Suite struct DepthLimitTests {
    static let deep = 10 * Parser.maximumDepth

    func syntaxError(_ text: String) -> RefScriptError? {
        do {
            _ = try Parser.parse(text, file: "deep.refscript")
            return nil
        } catch {
            return error
        }
    }

    @Test func nestedBlocksAreAPositionedErrorWithOrWithoutTheirEnds() throws {
        for (opener, name) in [("if true\n", "if"), ("for x in a\n", "for"), ("try\n", "try")] {
            for ends in [true, false] {
                let text = String(repeating: opener, count: Self.deep) + (ends ? String(repeating: "end\n", count: Self.deep) : "")
                let error = try #require(syntaxError(text))
                #expect(error.kind == .syntax)
                #expect(error.location?.line == 257 && error.location?.column == 1, "\(error.location.map(String.init(describing:)) ?? "")")
                #expect(error.message == "'\(name)' blocks nested deeper than 256 levels")
            }
        }
    }

    @Test func notChainsAndNestedSubstitutionsAreErrors() throws {
        let nots = try #require(syntaxError("assert " + String(repeating: "not ", count: Self.deep) + "true\n"))
        #expect(nots.message == "more than 256 'not' in a row")
        #expect(nots.location?.column == 8 + 4 * 256)
        let substitutions = try #require(
            syntaxError("echo " + String(repeating: "(get ", count: Self.deep) + "id" + String(repeating: ")", count: Self.deep) + "\n"))
        #expect(substitutions.message == "'( … )' nested deeper than 256 levels")
        #expect(substitutions.location?.column == 6 + 5 * 256)
    }

    @Test func theLimitItselfIsFine() async throws {
        let text = String(repeating: "if true\n", count: 256) + "echo deep\n" + String(repeating: "end\n", count: 256)
        let output = CapturedOutput()
        var interpreter = Interpreter(world: ScriptWorld(output: output, files: NoFiles(), environment: FixedEnvironment([:])))
        let code = await interpreter.run(try interpreter.parse(text, file: "ok.refscript"))
        #expect(code == .success)
        #expect(output.stdout == "deep\n")
    }

    @Test func aLongAndChainRunsIteratively() async throws {
        let terms = 90_000
        let text = "assert " + Array(repeating: "true", count: terms).joined(separator: " and ") + " or false\necho ok\n"
        let output = CapturedOutput()
        var interpreter = Interpreter(world: ScriptWorld(output: output, files: NoFiles(), environment: FixedEnvironment([:])))
        let code = await interpreter.run(try interpreter.parse(text, file: "flat.refscript"))
        #expect(code == .success)
        #expect(output.stdout == "ok\n")
    }

    @Test func aPathOfTooManyStepsIsAnError() throws {
        let long = Array(repeating: "a", count: Self.deep).joined(separator: ".")
        #expect(throws: PathSyntaxError.self) { try JSONPathParser.parse(long) }
        #expect(throws: PathSyntaxError.self) {
            try JSONPathParser.parsePointer("/" + Array(repeating: "a", count: Self.deep).joined(separator: "/"))
        }
        #expect(try JSONPathParser.parse(Array(repeating: "a", count: 256).joined(separator: ".")).components.count == 256)
    }
}
