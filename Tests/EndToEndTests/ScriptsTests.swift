import Foundation
import Testing

/// The set-up scripts' own logic: scripts/run builds again exactly when scripts/fingerprint
/// changes, so the fingerprint must change with anything the binary is made from and with
/// nothing else.
@Suite struct ScriptsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A small package in a git repository of its own, with a copy of the fingerprint script.
    func package() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-fingerprint-" + UUID().uuidString
        for folder in ["scripts", "Sources/App", "Plugins/P"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: Self.root + "/scripts/fingerprint", toPath: dir + "/scripts/fingerprint")
        try "// swift-tools-version: 6.1\n".write(toFile: dir + "/Package.swift", atomically: true, encoding: .utf8)
        try "print(1)\n".write(toFile: dir + "/Sources/App/main.swift", atomically: true, encoding: .utf8)
        try "// plugin\n".write(toFile: dir + "/Plugins/P/plugin.swift", atomically: true, encoding: .utf8)
        try git(dir, "init", "-q")
        try git(dir, "add", ".")
        try git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
        return dir
    }

    @discardableResult
    func git(_ dir: String, _ arguments: String...) throws -> String {
        let result = try Refsh.run(["-C", dir] + arguments, executable: "git")
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout
    }

    func fingerprint(_ dir: String) throws -> String {
        let result = try Refsh.run([], in: dir, executable: dir + "/scripts/fingerprint")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func theFingerprintChangesWithWhatTheBinaryIsMadeFromAndNothingElse() throws {
        let dir = try package()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try fingerprint(dir)
        #expect(first.count == 65, "one sha256 line: \(first)")
        #expect(try fingerprint(dir) == first, "the same tree gives the same fingerprint")

        // A touch alone (a new mtime) is not a change; an edit is, and undoing it undoes it.
        let source = dir + "/Sources/App/main.swift"
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: source)
        #expect(try fingerprint(dir) == first)
        try "print(2)\n".write(toFile: source, atomically: true, encoding: .utf8)
        let edited = try fingerprint(dir)
        #expect(edited != first)
        try "print(1)\n".write(toFile: source, atomically: true, encoding: .utf8)
        #expect(try fingerprint(dir) == first)

        // A new source file counts before it is committed; so do the plugin and the manifest.
        try "let x = 1\n".write(toFile: dir + "/Sources/App/new.swift", atomically: true, encoding: .utf8)
        #expect(try fingerprint(dir) != first)
        try FileManager.default.removeItem(atPath: dir + "/Sources/App/new.swift")
        try "// other\n".write(toFile: dir + "/Plugins/P/plugin.swift", atomically: true, encoding: .utf8)
        #expect(try fingerprint(dir) != first)
        try "// plugin\n".write(toFile: dir + "/Plugins/P/plugin.swift", atomically: true, encoding: .utf8)
        try "// swift-tools-version: 6.2\n".write(toFile: dir + "/Package.swift", atomically: true, encoding: .utf8)
        #expect(try fingerprint(dir) != first)
        try "// swift-tools-version: 6.1\n".write(toFile: dir + "/Package.swift", atomically: true, encoding: .utf8)
        #expect(try fingerprint(dir) == first)

        // A new commit changes it even with the same sources: the binary names its commit.
        try "notes\n".write(toFile: dir + "/README", atomically: true, encoding: .utf8)
        try git(dir, "add", "README")
        try git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "two")
        #expect(try fingerprint(dir) != first)
    }
}
