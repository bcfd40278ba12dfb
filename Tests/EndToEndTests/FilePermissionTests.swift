import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files that are not what refsh expects: a file the user may not write is not replaced by
/// `save` (refsh writes beside it and renames, which the file's own mode does not stop, so it
/// checks first, as the shell's `>` refuses), and a FIFO among its state files is passed over.
@Suite struct FilePermissionTests {
    @Test func saveRefusesAFileTheUserMayNotWrite() throws {
        let dir = NSTemporaryDirectory() + "refsh-perm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Refsh.fixtures + "/referral-active.json", toPath: dir + "/ro.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir + "/ro.json")
        let before = try String(contentsOfFile: dir + "/ro.json", encoding: .utf8)
        let commands = "open ro.json; set details.dealValue 1; save ro.json"
        let environment = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "HOME": dir]
        // Root may write any file: the user refsh runs as is nobody then (the folder lets anyone
        // rename into it, which is what a save that does not check would do), from a copy of
        // the binary nobody may run (the build folder may be in a folder only root enters).
        let result: Refsh.Result
        if getuid() == 0 {
            let binary = dir + "/refsh"
            if link(Refsh.binary, binary) != 0 { try FileManager.default.copyItem(atPath: Refsh.binary, toPath: binary) }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
            // A copy is "Text file busy" while a process another test starts still holds the
            // descriptor it was written through: it goes when that process execs or ends.
            var probe = try Refsh.run(["--reuid=65534", "--regid=65534", "--clear-groups", binary, "--version"], executable: "/usr/bin/setpriv")
            for _ in 0..<50 where probe.stderr.contains("Text file busy") {
                usleep(100_000)
                probe = try Refsh.run(["--reuid=65534", "--regid=65534", "--clear-groups", binary, "--version"], executable: "/usr/bin/setpriv")
            }
            try #require(probe.status == 0, "nobody cannot run refsh here: \(probe.stderr)")
            result = try Refsh.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "-c", commands], in: dir, executable: "/usr/bin/setpriv",
                environment: environment)
        } else {
            result = try Refsh.run(["-c", commands], in: dir, environment: environment)
        }
        #expect(result.stderr.hasSuffix("-c:1:45: error: cannot write ro.json: permission denied\n"), "\(result.stderr)")
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: dir + "/ro.json", encoding: .utf8) == before)
    }

    /// A FIFO where the seen ids of an endpoint go held every online command, waiting for a
    /// writer: it is passed over (the ids are not kept), and the command runs.
    @Test func aFIFOWhereTheSeenIdsGoIsPassedOver() throws {
        let dir = NSTemporaryDirectory() + "refsh-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh/seen", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/state/refsh/seen/sandbox", 0o600) == 0)
        let result = try Refsh.run(
            ["-c", "list --top 1"], in: dir, environment: ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data"], timeoutSeconds: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("49d90c72-3326-4f61-aacc-2cb57970448c"))
    }
}
