import GoldenSupport
import Testing

@testable import RefScript

/// A large script is checked in pieces side by side; the answer must be exactly that of one
/// check from the start, wherever the cuts fall (inside blocks, continued lines, multi-line
/// JSON, substitutions).
@Suite struct ScriptCheckerTests {
    /// The first error of one check from the start, rendered (or "ok").
    func sequential(_ text: String) -> String {
        do {
            _ = try Parser.parse(text, file: "s.refscript")
            return "ok"
        } catch {
            return ErrorRenderer.render(error, showLocation: true)
        }
    }

    func piecewise(_ text: String, pieceSize: Int) async -> String {
        let error = await ScriptChecker.firstError(
            in: Array(text.utf8), file: "s.refscript", registry: .standard, minimumPieceSize: pieceSize)
        return error.map { ErrorRenderer.render($0, showLocation: true) } ?? "ok"
    }

    static let scripts: [String] = [
        "open a.json\nset details.dealValue 1\nshow\nset details.notes \"x\"\nundo\n",
        "open a.json\nfor id in [1, 2, 3]\n  set details.dealValue $id\n  show\nend\nshow\n",
        "open a.json\nif exists details\nshow\nelse\necho no\nend\nshow\n",
        "show\nset details.notes \\\nvalue\nshow\nshow\n",
        "show\nset details.customer {\n\"a\": 1,\ntrue: 2\n}\nshow\nshow\n",
        "show\nset details.flags [\ntrue,\nfalse\n]\nshow\n",
        "show\nlet v (get \ndetails.dealValue)\nshow\nshow\n",
        "show\nshow\nshow\nnosuchcommand\nshow\nshow\nalsobad\nshow\n",
        "show\nfor x in [1]\nshow\nshow\nbad\nshow\nend\nshow\n",
        "show\nfor x in [1]\nshow\nshow\nend; show; bad x\nshow\n",
        "show\nfor x in [1]\nshow\nshow\nshow\n",
        "show\nend\nshow\nshow\n",
        "show\nshow\nset details.notes \"open\nquote\nshow\nshow\n",
        "show\nshow\nset a [1,\nshow\nshow\nshow\n",
        "show\n\n# a comment\nshow\n   show\nshow; show\nset a 1; bad\nshow\n",
        String(repeating: "show\n", count: 66) + "bad 1\nshow\n",
    ]

    @Test(arguments: scripts.indices)
    func piecesGiveTheAnswerOfOneCheck(_ index: Int) async {
        let text = Self.scripts[index]
        let expected = sequential(text)
        for pieceSize in 1...text.utf8.count {
            let got = await piecewise(text, pieceSize: pieceSize)
            #expect(got == expected, "pieces of at least \(pieceSize) bytes")
        }
    }

    @Test func mutatedGoldenScriptsGetTheSameAnswerInPieces() async {
        let seeds = GoldenCase.all(in: GoldenScriptTests.directory).map(\.script)
        var mutator = ScriptMutator(seed: 0xC0FFEE)
        for round in 0..<600 {
            let text = mutator.mutate(seeds[round % seeds.count])
            let expected = sequential(text)
            for pieceSize in [1, 6, 23] {
                let got = await piecewise(text, pieceSize: pieceSize)
                #expect(got == expected, "pieces of at least \(pieceSize) bytes of:\n\(text)")
            }
        }
    }

    @Test func theFixtureScriptsCoverValidAndInvalidAnswers() {
        let answers = Self.scripts.map(sequential)
        #expect(answers.contains("ok"))
        #expect(answers.contains("s.refscript:4:1: error: unknown command 'nosuchcommand'; 'help' lists the commands"))
        #expect(answers.contains { $0.hasPrefix("s.refscript:67:1: error:") })
    }

    @Test func cutsFallAtLineStartsThatBeginWithALetterAndCarryTheirLineNumbers() {
        let text = Array("show\n  show\n# c\nshow\nshow\n".utf8)
        let cuts = ScriptChecker.cuts(text, minimumPieceSize: 1)
        #expect(cuts.map(\.offset) == [0, 16, 21])
        #expect(cuts.map(\.line) == [1, 4, 5])
    }

    @Test func aLargeScriptIsCutIntoAtMostSixteenPieces() {
        let text = Array(String(repeating: "show\n", count: 2_000_000).utf8)
        let cuts = ScriptChecker.cuts(text, minimumPieceSize: ScriptChecker.minimumPieceSize)
        #expect(cuts.count == ScriptChecker.maximumPieces)
        let small = Array(String(repeating: "show\n", count: 1000).utf8)
        #expect(ScriptChecker.cuts(small, minimumPieceSize: ScriptChecker.minimumPieceSize).count == 1)
    }
}
