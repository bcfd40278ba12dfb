import Foundation
import Testing

/// A golden script test read from a `.golden` file:
///
/// ```
/// # what the case shows (comment lines before the first section)
/// === script
/// open put-request-body.json
/// === stdout
/// …
/// === stderr
/// …
/// === exit 0
/// ```
///
/// Optional sections: `=== args a b` (script arguments), `=== var name=value` (one per line),
/// `=== env NAME=value` (one per line), `=== file NAME` (a file created before the run) and
/// `=== expect-file NAME` (its content after the run). Every case runs in a fresh directory
/// holding a copy of Tests/Fixtures.
public struct GoldenCase: CustomTestStringConvertible, Sendable {
    public var name: String
    public var script = ""
    public var stdout = ""
    public var stderr = ""
    public var exitCode: Int32 = 0
    public var arguments: [String] = []
    public var variables: [(String, String)] = []
    public var environment: [String: String] = [:]
    public var files: [(String, String)] = []
    public var expectedFiles: [(String, String)] = []
    public var comment = ""

    public var testDescription: String { name }

    /// Every `*.golden` case in `directory`, by name.
    public static func all(in directory: URL) -> [GoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".golden") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { return nil }
            return GoldenCase(name: String(name.dropLast(".golden".count)), text: text)
        }
    }

    /// Whether expectations are to be rewritten from actual results (`REFSH_UPDATE_GOLDEN=1`).
    public static var updating: Bool { ProcessInfo.processInfo.environment["REFSH_UPDATE_GOLDEN"] == "1" }

    public init(name: String, text: String) {
        self.name = name
        var section: (kind: String, argument: String)?
        var body: [String] = []
        func close() {
            guard let (kind, argument) = section else {
                comment = body.joined(separator: "\n")
                return
            }
            let content = body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
            switch kind {
            case "script": script = content
            case "stdout": stdout = content
            case "stderr": stderr = content
            case "file": files.append((argument, content))
            case "expect-file": expectedFiles.append((argument, content))
            case "var":
                variables += body.map { line in
                    let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }
            case "env":
                for line in body {
                    let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
            default: break
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("=== ") {
                close()
                body = []
                let words = line.dropFirst(4).split(separator: " ", maxSplits: 1).map(String.init)
                let kind = words.first ?? ""
                let argument = words.count > 1 ? words[1] : ""
                if kind == "exit" { exitCode = Int32(argument) ?? -1; section = ("exit", ""); continue }
                if kind == "args" { arguments = argument.split(separator: " ").map(String.init); section = ("args", ""); continue }
                section = (kind, argument)
            } else {
                body.append(line)
            }
        }
        if body.last == "" { body.removeLast() }
        close()
    }

    /// The case written back with actual results (for REFSH_UPDATE_GOLDEN=1).
    public func rendered(stdout: String, stderr: String, exitCode: Int32) -> String {
        var out = comment.isEmpty ? "" : comment + "\n"
        if !arguments.isEmpty { out += "=== args \(arguments.joined(separator: " "))\n" }
        if !variables.isEmpty { out += "=== var\n" + variables.map { "\($0.0)=\($0.1)\n" }.joined() }
        if !environment.isEmpty { out += "=== env\n" + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined() }
        for (name, content) in files { out += "=== file \(name)\n" + content }
        out += "=== script\n" + script
        out += "=== stdout\n" + stdout
        out += "=== stderr\n" + stderr
        for (name, content) in expectedFiles { out += "=== expect-file \(name)\n" + content }
        out += "=== exit \(exitCode)\n"
        return out
    }
}
