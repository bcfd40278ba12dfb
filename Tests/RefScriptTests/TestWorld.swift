import Foundation
import RefScript

/// Output kept in memory.
final class CapturedOutput: OutputSink {
    var stdout = ""
    var stderr = ""
    let isTerminal: Bool
    init(isTerminal: Bool = false) { self.isTerminal = isTerminal }
    func write(_ text: String) { stdout += text }
    func writeError(_ text: String) { stderr += text }
}

/// An environment with exactly the given variables.
struct FixedEnvironment: EnvironmentReader {
    var values: [String: String]
    init(_ values: [String: String] = [:]) { self.values = values }
    func value(_ name: String) -> String? { values[name] }
}

/// A fresh directory holding a copy of Tests/Fixtures.
struct TemporaryDirectory {
    let path: String

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func withFixtures() throws -> TemporaryDirectory {
        let path = NSTemporaryDirectory() + "refsh-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: path + "/" + name)
        }
        return TemporaryDirectory(path: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
