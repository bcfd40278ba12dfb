import Testing

@testable import SandboxCore

/// A `$filter` of any depth or length is a 400, never a crashed sandbox.
@Suite struct FilterDepthTests {
    @Test func deepParenthesesAndNotsAreSyntaxErrors() {
        let parentheses = String(repeating: "(", count: 28_000) + "status eq 'New'" + String(repeating: ")", count: 28_000)
        #expect(throws: ODataSyntaxError.self) { try ODataFilterParser.parse(parentheses) }
        let nots = String(repeating: "not ", count: 1000) + "status eq 'New'"
        #expect(throws: ODataSyntaxError.self) { try ODataFilterParser.parse(nots) }
        let chain = Array(repeating: "status eq 'New'", count: 87_000).joined(separator: " and ")
        #expect(throws: ODataSyntaxError.self) { try ODataFilterParser.parse(chain) }
        let fine = String(repeating: "(", count: 50) + "status eq 'New'" + String(repeating: ")", count: 50)
        #expect(throws: Never.self) { try ODataFilterParser.parse(fine) }
    }
}
