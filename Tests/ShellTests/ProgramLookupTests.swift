import Foundation
import Testing

@testable import Shell

/// Whether `$EDITOR` or `$PAGER` names a program that is not installed, known before `/bin/sh`
/// says `not found` in its own words.
@Suite struct ProgramLookupTests {
    let path = "/usr/bin:/bin"

    @Test func aProgramOnNoFolderOfThePathIsMissing() {
        #expect(ProgramLookup.missing(in: "refsh-no-such-editor", path: path) == "refsh-no-such-editor")
        #expect(ProgramLookup.missing(in: "  refsh-no-such-editor --wait ", path: path) == "refsh-no-such-editor")
        #expect(ProgramLookup.missing(in: "LESS=FRX refsh-no-such-pager", path: path) == "refsh-no-such-pager")
        #expect(ProgramLookup.missing(in: "/nowhere/vi", path: path) == "/nowhere/vi")
        #expect(ProgramLookup.missing(in: "sh", path: "/refsh-nowhere") == "sh")
        #expect(ProgramLookup.missing(in: "~/refsh-no-such-editor -w", path: path, home: "/tmp") == "~/refsh-no-such-editor")
        #expect(ProgramLookup.missing(in: "/tmp", path: path) == "/tmp", "a folder is not a program")
        #expect(ProgramLookup.missing(in: "~/sh", path: path, home: "/bin") == nil)
    }

    @Test func installedProgramsBuiltinsAndWhatTheShellExpandsAreLeftToTheShell() {
        for command in [
            "sh", "sh -c 'true'", "/bin/sh", "LESS=R sh", "true", ":", "exec sh", "command -v sh", "$HOME/bin/ed", "\"my editor\"", "~/bin/ed",
            "ed*", "(vi)", "", "X=$(echo a b) refsh-no-such-editor", "X='a b' refsh-no-such-editor",
        ] {
            #expect(ProgramLookup.missing(in: command, path: path) == nil, "\(command)")
        }
    }

    /// A PATH the shell reads differently (`~/bin`, a relative folder) is the shell's to judge;
    /// with none, dash's own default is searched.
    @Test func pathsOnlyTheShellReadsAreLeftToIt() {
        #expect(ProgramLookup.missing(in: "refsh-no-such-editor", path: "~/bin:/usr/bin") == nil)
        #expect(ProgramLookup.missing(in: "refsh-no-such-editor", path: "bin") == nil)
        #expect(ProgramLookup.missing(in: "sh", path: nil) == nil)
        #expect(ProgramLookup.missing(in: "refsh-no-such-editor", path: nil) == "refsh-no-such-editor")
    }

    @Test func anEmptyFolderOfThePathIsTheWorkingDirectory() throws {
        let folder = NSTemporaryDirectory() + "refsh-lookup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: folder + "/my-ed", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        #expect(ProgramLookup.missing(in: "my-ed", path: "/usr/bin:", directory: folder) == nil)
        #expect(ProgramLookup.missing(in: "my-ed", path: "/usr/bin", directory: folder) == "my-ed")
        #expect(ProgramLookup.missing(in: "./my-ed", path: "/usr/bin", directory: folder) == nil)
    }
}
