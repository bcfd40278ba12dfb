import GoldenSupport
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import RefScript

/// `list --top N` is a total, with `--all` too, against a service that reads `$top` as a page
/// size (the spec leaves it open; the sandbox reads it as a total): `--all --top 5` printed every
/// referral of every page.
@Suite struct ListTopTests {
    /// Ten referrals, `$top` (or 3) a page, the next page by a link.
    final class PagingService: StubService, @unchecked Sendable {
        let pages = Mutex(0)
        func list(query: ListQuery) async throws(ServiceError) -> ListPage {
            pages.withLock { $0 += 1 }
            let start = query.nextLink.flatMap { Int($0.split(separator: "=").last ?? "") } ?? 0
            let size = query.top ?? 3
            let ids = (start..<min(10, start + size)).map { "00000000-0000-4000-8000-00000000000\($0)" }
            let next = start + size < 10 ? "https://test/v1.0/engagements/referrals?$skip=\(start + size)" : nil
            return ListPage(
                referrals: ids.map { ["id": .string($0), "status": "Active", "substatus": "Accepted"] }, count: nil, nextLink: next)
        }
    }

    func run(_ script: String, service: PagingService) async -> CapturedOutput {
        let output = CapturedOutput()
        let world = ScriptWorld(output: output, files: ReadOnlyFiles(), environment: FixedEnvironment(), connector: service)
        var interpreter = Interpreter(world: world)
        if let program = try? interpreter.parse(script, file: "l.refscript") { _ = await interpreter.run(program) }
        return output
    }

    @Test func topIsATotalWithAllToo() async {
        let service = PagingService()
        let listed = await run("list --all --top 5 --json", service: service)
        #expect(listed.stdout.components(separatedBy: "\"id\"").count - 1 == 5, "\(listed.stdout)")
        #expect(service.pages.withLock { $0 } == 1, "the first page held five already")
        let counted = await run("list --all --top 4 --count; echo (list --all --top 4 --count)", service: PagingService())
        #expect(counted.stdout == "4\n4\n", "\(counted.stdout) \(counted.stderr)")
        let everything = await run("list --all --count", service: PagingService())
        #expect(everything.stdout == "10\n")
    }
}
