import Testing

@testable import RefScript

/// `help` fits a 100-column terminal: every line of the command list, of each command's page and
/// of each topic; long paragraphs are wrapped, not cut.
@Suite struct HelpLayoutTests {
    static var pages: [(String, String)] {
        let registry = CommandRegistry.standard
        return [("help", HelpCommand.overview(registry))]
            + registry.commands.map { ("help \($0.spec.name)", HelpCommand.detail($0.spec)) }
            + HelpTopics.names.map { ("help \($0)", HelpTopics.text($0) ?? "") }
    }

    @Test func everyLineFitsOneHundredColumns() {
        for (name, page) in Self.pages {
            for line in page.split(separator: "\n") {
                #expect(line.count <= HelpLayout.width, "\(name): \(line)")
            }
        }
    }

    @Test func everyTopicHasText() {
        for name in HelpTopics.names { #expect(HelpTopics.text(name)?.isEmpty == false, "help \(name)") }
        for name in ["if", "for", "conditions"] { #expect(HelpTopics.names.contains(name)) }
    }

    @Test func paragraphsWrapWithoutBreakingCodeOrJSON() {
        let text = String(repeating: "word ", count: 18) + #"an object ({"a": 1}, [1, 2]) and `a code span` end"#
        let lines = HelpLayout.paragraphs(text).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= HelpLayout.width })
        #expect(lines.contains { $0.contains(#"({"a": 1}, [1, 2])"#) })
        #expect(lines.contains { $0.contains("`a code span`") })
    }

    @Test func optionColumnsAlignAndWrapUnderThemselves() throws {
        let text = HelpLayout.columns([("--top <n>", "few"), ("--all", String(repeating: "long ", count: 30))])
        let lines = text.split(separator: "\n")
        try #require(lines.count == 3)
        #expect(lines[0] == "  --top <n>  few")
        #expect(lines[1].hasPrefix("  --all      long"))
        #expect(lines[2].hasPrefix("             long"))
    }
}
