import Foundation
import Testing

/// What a new user meets first: the version, the man page and the help agreeing, short ids
/// that work in the next session.
@Suite struct FirstHourTests {
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-first-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository's commit, as the binary should name it (`-modified` with uncommitted changes).
    func commit() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let head = try Refsh.run(["-C", root, "rev-parse", "--short=12", "HEAD"], executable: "git").stdout
        return head.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func versionNamesTheVersionAndTheCommit() throws {
        let flag = try Refsh.run(["--version"])
        #expect(flag.status == 0)
        let line = flag.stdout.trimmingCharacters(in: .newlines)
        let head = try commit()
        #expect(line.hasPrefix("refsh "), "\(line)")
        #expect(line.contains("(commit \(head)") && line.hasSuffix(")"), "\(line) does not name \(head)")
        #expect(line.split(separator: " ")[1].split(separator: ".").count == 3, "not a semantic version: \(line)")
        let command = try Refsh.run(["-c", "version"])
        #expect(command.stdout == flag.stdout)
    }

    @Test func theManualPageRendersAndListsEveryOptionAndCommand() throws {
        let page = try Refsh.run(["--manual-page"])
        #expect(page.status == 0)
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try page.stdout.write(toFile: dir + "/refsh.1", atomically: true, encoding: .utf8)
        // groff with every warning on: the page must be clean roff.
        let lint = try Refsh.run(["-man", "-Tutf8", "-ww", "-z", dir + "/refsh.1"], executable: "groff")
        #expect(lint.status == 0)
        #expect(lint.stderr == "", "groff warns: \(lint.stderr)")
        let text = try Refsh.run(["-man", "-Tascii", "-P", "-cbou", dir + "/refsh.1"], executable: "groff").stdout
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let help = try Refsh.run(["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // Each option is a tagged paragraph of its own (.TP, then the option in bold).
        let roff = page.stdout
        for option in ["-c", "--var", "--endpoint", "--insecure", "--token-file", "--no-config", "--manual-page", "--version"] {
            let tag = ".TP\n\\fB" + option.replacing("-", with: "\\-") + "\\fR"
            #expect(roff.contains(tag), "the man page lacks the option \(option)")
            #expect(help.contains(option + " "), "--help lacks \(option)")
        }
        #expect(flat.contains("Read the bearer token from this file (default: REFSH_TOKEN)."))
        // An example keeps its lines (roff filled `try patch catch … end end` into one); an option
        // that spells its value is not followed by it again.
        #expect(roff.contains(".IP\n.nf\n  try\n    patch\n  catch\n"), "help throw's example, as written")
        #expect(roff.contains(".TP\n\\fB\\-\\-trace[=file]\\fR\n"), "--trace[=file], not --trace[=file] file")
        #expect(help.contains("Read the bearer token from this file (default: REFSH_TOKEN)."))
        let list = try Refsh.run(["-c", "help"]).stdout
        let names = list.split(separator: "\n").compactMap {
            $0.hasPrefix("  ") && !$0.hasPrefix("   ") ? $0.split(separator: " ").first.map(String.init) : nil
        }
        #expect(names.count >= 30, "help listed \(names)")
        // Each command is a tagged paragraph whose tag is its synopsis, starting with its name.
        for name in names {
            #expect(roff.contains(".TP\n\\fB\(name.replacing("-", with: "\\-"))"), "the man page lacks the command \(name)")
        }
        for section in ["NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
            #expect(text.contains("\n" + section + "\n"), "no \(section) section")
        }
        #expect(flat.contains("130 interrupted"))
        // Every REFSH_ variable refsh reads is named under ENVIRONMENT (but the two between
        // refsh test and its runs, and the fuzzer's).
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var read = Set<String>()
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) ?? .init()
        where file.pathExtension == "swift" {
            let code = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for match in code.matches(of: /"(REFSH_[A-Z_]+)"/) { read.insert(String(match.1)) }
        }
        let environment = roff.components(separatedBy: ".SH ENVIRONMENT").last?.components(separatedBy: ".SH FILES").first ?? ""
        let notForUsers: Set = ["REFSH_TEST_OUTCOME", "REFSH_FUZZ_TARGET"]
        #expect(read.count >= 8, "\(read)")
        for name in read.subtracting(notForUsers).sorted() {
            #expect(environment.contains(name), "the man page's ENVIRONMENT lacks \(name)")
        }
    }

    @Test func shortIdsResolveInALaterSessionAndAnUnknownOneSaysSo() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let environment = ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state", "REFSH_ENDPOINT": "", "REFSH_SANDBOX_SEED": "20"]
        let fresh = try Refsh.run(["-c", "load 49d90c72"], in: dir, environment: environment)
        #expect(fresh.status == 1)
        #expect(
            fresh.stderr.hasSuffix(
                "-c:1:1: error: '49d90c72' is not the start of any referral id seen at sandbox: give the whole id (or list to see ids)\n"),
            "\(fresh.stderr)")
        let listed = try Refsh.run(["-c", "list --all"], in: dir, environment: environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        let later = try Refsh.run(["-c", "load 49d90c72; get id"], in: dir, environment: environment)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout == "49d90c72-3326-4f61-aacc-2cb57970448c\n")
        let kept = try String(contentsOfFile: dir + "/state/refsh/seen/sandbox", encoding: .utf8)
        #expect(kept.split(separator: "\n").count == 21, "the seen ids: \(kept)")
    }

    /// `list --json` prints one JSON array a reader can take (a first page), and tells the person
    /// on standard error that there are more; `list --count` counts every page.
    @Test func listsThatPrintAPageSayThereAreMoreAndCountsCountEveryPage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let environment = ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state", "REFSH_ENDPOINT": "", "REFSH_SANDBOX_SEED": "150"]
        let page = try Refsh.run(["-c", "list --json"], in: dir, environment: environment)
        #expect(page.status == 0, "\(page.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(page.stdout.utf8)) as? [Any]
        #expect(array?.count == 100)
        #expect(page.stderr.hasSuffix("note: 100 referrals shown; list --all for every page\n"), "\(page.stderr)")
        let whole = try Refsh.run(["-c", "list --json --all"], in: dir, environment: environment)
        #expect((try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [Any])?.count == 151)
        #expect(!whole.stderr.contains("note:"), "\(whole.stderr)")
        let count = try Refsh.run(["-c", "list --count; list --count --top 120; list --status Closed --count"], in: dir, environment: environment)
        #expect(count.stdout == "151\n120\n84\n", "\(count.stderr)")
    }
}
