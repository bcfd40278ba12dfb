import Foundation
import ReferralKit
import SandboxCore
import Testing

/// docs/openapi.json is the generated document, kept in the repository for readers and tools.
/// `REFSH_UPDATE_GOLDEN=1 scripts/test` rewrites it after a deliberate change.
@Suite struct OpenAPIDocumentTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")

    @Test func docsCopyMatchesTheGeneratedDocument() throws {
        let generated = JSONPrinter.pretty.print(OpenAPIDocument.json()) + "\n"
        if ProcessInfo.processInfo.environment["REFSH_UPDATE_GOLDEN"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: Self.file, encoding: .utf8) == generated)
    }

    @Test func everyOperationDocumentsItsStatusesAndEveryReferenceResolves() throws {
        let document = OpenAPIDocument.json()
        let text = JSONPrinter.compact.print(document)
        let schemas = document.lookup(try JSONPathParser.parse("components.schemas"))?.objectValue?.keys ?? []
        for name in ["Referral", "ReferralInput", "ReferralList", "PatchOperation", "Error"] { #expect(schemas.contains(name)) }
        var index = text.startIndex
        while let range = text.range(of: "#/components/schemas/", range: index..<text.endIndex) {
            let name = text[range.upperBound...].prefix { $0 != "\"" }
            #expect(schemas.contains(String(name)), "dangling $ref \(name)")
            index = range.upperBound
        }
        let put = document.lookup(try JSONPathParser.parse(#"paths."/v1.0/engagements/referrals/{id}".put.responses"#))?.objectValue?.keys ?? []
        #expect(put == ["200", "400", "401", "404", "412", "413", "415", "428", "429", "default"])
    }

    @Test func theSandboxServesItWithoutAuthentication() async {
        let api = ReferralsAPI(store: MemoryReferralStore(), configuration: SandboxConfiguration(baseURL: "http://x"))
        let response = await Sandbox(api: api).handle(SandboxRequest(method: "GET", path: "/openapi.json", headers: [("Host", "127.0.0.1:9999")]))
        #expect(response.response.status == 200)
        #expect(response.response.json?.lookup(try! JSONPathParser.parse("servers[0].url")) == "http://127.0.0.1:9999")
    }
}
