import Foundation
import FuzzTargets
import Testing

/// Every input of the saved fuzz corpus (`Tests/FuzzCorpus/<target>/`, crash reproducers
/// included) and every golden script go through the fuzz targets' entry points: what once
/// crashed refsh or its sandbox must return now. `scripts/fuzz` adds to the corpus.
@Suite struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func files(in folder: String) -> [String] {
        let path = root.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func theSavedCorpusRuns(target: String) async throws {
        let run = try #require(FuzzTargets.named(target))
        var inputs = Self.files(in: "FuzzCorpus/" + target)
        if target == "refscript" { inputs += Self.files(in: "RefScriptTests/Golden") }
        #expect(!inputs.isEmpty, "no saved inputs for \(target)")
        for input in inputs {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: input)))
            // The sandbox's target waits for a task when the fuzzer drives it; here it is awaited.
            if target == "sandbox" { await FuzzTargets.sandboxRequest(bytes) } else { run(bytes) }
        }
    }
}
