import Foundation
import RefScript

/// Output kept in memory.
public final class CapturedOutput: OutputSink {
    public var stdout = ""
    public var stderr = ""
    public let isTerminal: Bool
    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }
    public func write(_ text: String) { stdout += text }
    public func writeError(_ text: String) { stderr += text }
}

/// An environment with exactly the given variables.
public struct FixedEnvironment: EnvironmentReader {
    public var values: [String: String]
    public init(_ values: [String: String] = [:]) { self.values = values }
    public func value(_ name: String) -> String? { values[name] }
}

/// A fresh directory holding a copy of Tests/Fixtures.
public struct TemporaryDirectory {
    public let path: String

    public static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A new directory holding a copy of Tests/Fixtures.
    public static func withFixtures() throws -> TemporaryDirectory {
        let path = NSTemporaryDirectory() + "refsh-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: path + "/" + name)
        }
        return TemporaryDirectory(path: path)
    }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
