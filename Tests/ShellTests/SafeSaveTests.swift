import Foundation
import GoldenSupport
import RefScript
import Shell
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `save` writes through a temporary file and a rename, keeps the file's mode, makes new files
/// 0600, follows symlinks, and refuses anything that is not a regular file.
@Suite struct SafeSaveTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-save-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewFileIs0600AndAnExistingOneKeepsItsMode() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = LocalFileSystem(directory: dir)
        try files.writeText("{}\n", to: "new.json")
        #expect(try mode(dir + "/new.json") == 0o600)
        #expect(FileManager.default.createFile(atPath: dir + "/shared.json", contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        try files.writeText("{\"a\":1}\n", to: "shared.json")
        #expect(try mode(dir + "/shared.json") == 0o644)
        #expect(try files.readText("shared.json") == "{\"a\":1}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".refsh-") }
        #expect(leftovers.isEmpty, "no temporary file is left behind")
    }

    @Test func aSymlinkIsFollowedToItsTarget() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FileManager.default.createFile(atPath: dir + "/real.json", contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: "real.json")
        try LocalFileSystem(directory: dir).writeText("new\n", to: "link.json")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json") == "real.json", "the link stays a link")
        #expect(try String(contentsOfFile: dir + "/real.json", encoding: .utf8) == "new\n")
    }

    @Test func aDirectoryAFIFOAndADeviceAreRefused() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = LocalFileSystem(directory: dir)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        #expect(throws: FileError("is a directory")) { try files.writeText("x", to: "sub") }
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        #expect(throws: FileError("is not a regular file (a device, FIFO or socket)")) { try files.writeText("x", to: "pipe") }
        #expect(throws: FileError("is not a regular file (a device, FIFO or socket)")) { try files.writeText("x", to: "/dev/full") }
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/full is still the device")
    }

    @Test func saveInAScriptFailsWithTheReason() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = CapturedOutput()
        let world = ScriptWorld(output: output, files: LocalFileSystem(directory: dir), environment: FixedEnvironment([:]))
        let code = await ScriptRunner.run(
            text: "new\nsave /dev/full\n", name: "s.refscript", world: world, connection: ConnectionSettings(correlationId: "c"))
        #expect(code == .commandFailed)
        #expect(output.stderr.contains("s.refscript:2:"), "\(output.stderr)")
        #expect(output.stderr.contains("is not a regular file"), "\(output.stderr)")
    }
}
