import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The completion scripts refsh prints, loaded by the shells themselves: bash's completion
/// function, fish's own engine (`complete -C`), zsh in a real terminal.
@Suite struct CompletionTests {
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-completion-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try #"echo "$1|$2|$3|$4""#.write(toFile: path + "/args.refscript", atomically: true, encoding: .utf8)
        return path
    }

    @Test func bashCompletesScriptsAndRecordingsByTheirEndings() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["deal.refscript", "notes.txt", "run.har"] { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: nil) }
        let complete = { (words: String) throws -> String in
            try Refsh.run(
                [
                    "-c",
                    // The function bash is told to call (`complete -p refsh`), with the word being completed.
                    #"source <("$0" --generate-completion-script bash); COMP_WORDS=("# + words + #"); COMP_CWORD=${#COMP_WORDS[@]}; "#
                        + #"COMP_CWORD=$((COMP_CWORD - 1)); f=$(complete -p refsh | sed -E 's/.*-F ([^ ]+).*/\1/'); "#
                        + #"$f refsh "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"; printf '%s\n' "${COMPREPLY[@]}" | sort"#,
                    Refsh.binary,
                ], in: dir, executable: "/bin/bash"
            ).stdout
        }
        #expect(try complete("refsh ''") == "args.refscript\ndeal.refscript\nmcp\ntest\n")
        #expect(try complete("refsh --replay ''") == "run.har\n")
        #expect(try complete("refsh --record ''") == "run.har\n")
        // --trace alone is followed by a script: files are offered (they offered nothing).
        #expect(try complete("refsh --trace de") == "deal.refscript\n")
        // The subcommands: their names, then their own options and files.
        #expect(try complete("refsh te") == "test\n")
        #expect(try complete("refsh test ''") == "args.refscript\ndeal.refscript\n")
        #expect(try complete("refsh test --j") == "--jobs\n--junit\n")
        #expect(try complete("refsh --endpoint http://x m") == "mcp\n")
        #expect(try complete("refsh --endpoint http://x mcp --allow") == "--allow-writes\n")
        #expect(try complete("refsh deal.refscript te") == "\n", "after the script, words are the script's")
    }

    /// fish's own completion engine (`complete -C`) over refsh's fish script: the first word offers
    /// the subcommands and `.refscript` files, a subcommand its options, a script's words neither.
    @Test func fishCompletesScriptsAndSubcommands() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["deal.refscript", "run.har"] { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: nil) }
        let script = try Refsh.run(["--generate-completion-script", "fish"], in: dir)
        try script.stdout.write(toFile: dir + "/refsh.fish", atomically: true, encoding: .utf8)
        let complete = { (line: String) throws -> String in
            let result = try Refsh.run(
                ["fish", "--no-config", "-c", "source refsh.fish; complete -C '\(line)'"], in: dir, executable: "/usr/bin/env")
            return result.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }.sorted().joined(separator: " ")
        }
        #expect(try complete("refsh ") == "args.refscript deal.refscript help mcp test")
        #expect(try complete("refsh te") == "test")
        #expect(try complete("refsh test ") == "args.refscript deal.refscript")
        #expect(try complete("refsh test --j") == "--jobs --junit")
        #expect(try complete("refsh --endpoint http://x mcp --allow") == "--allow-writes")
        #expect(try complete("refsh --replay ") == "run.har")
        #expect(try complete("refsh deal.refscript te") == "", "after the script, words are the script's")
        #expect(try complete("refsh --endpoint http://x test --j") == "", "test is a subcommand only as the first word")
    }

    /// zsh loads refsh's completion script as a user's shell does (compinit), in a real terminal:
    /// the first word offers the subcommands and `.refscript` files, a subcommand its options.
    @Test func zshCompletesScriptsAndSubcommands() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/deal.refscript", contents: nil)
        let script = try Refsh.run(["--generate-completion-script", "zsh"], in: dir)
        try script.stdout.write(toFile: dir + "/_refsh", atomically: true, encoding: .utf8)
        let binaries = (Refsh.binary as NSString).deletingLastPathComponent
        try """
        fpath=('\(dir)' $fpath)
        autoload -Uz compinit && compinit -u -d '\(dir)/.zcompdump'
        path=('\(binaries)' $path)
        PROMPT='zsh> '
        cd '\(dir)'
        """.write(toFile: dir + "/zshrc", atomically: true, encoding: .utf8)
        let session = "refsh-zsh-" + UUID().uuidString.prefix(8)
        let tmux = { (arguments: [String]) throws -> String in
            try Refsh.run(["tmux", "-L", session] + arguments, executable: "/usr/bin/env", timeoutSeconds: 20).stdout
        }
        // kill-server alone leaves an interactive zsh's server running: its pane goes first.
        let stop = {
            let panes = (try? tmux(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? ""
            for pid in panes.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
            _ = try? tmux(["kill-server"])
        }
        defer { stop() }
        let screenAfter = { (line: String) throws -> String in
            stop()
            _ = try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "30", "zsh -f -i"])
            _ = try tmux(["send-keys", "-t", session, "-l", "source '\(dir)/zshrc'; clear"])
            _ = try tmux(["send-keys", "-t", session, "Enter"])
            for _ in 0..<100 where !(try tmux(["capture-pane", "-p", "-t", session])).contains("zsh> ") { usleep(100_000) }
            _ = try tmux(["send-keys", "-t", session, "-l", line])
            _ = try tmux(["send-keys", "-t", session, "Tab"])
            var screen = ""
            for _ in 0..<50 {
                usleep(100_000)
                screen = try tmux(["capture-pane", "-p", "-t", session])
                if screen.split(separator: "\n").count > 1 { break }
            }
            return screen
        }
        let first = try screenAfter("refsh ")
        #expect(!first.contains("doubled rest argument"), "\(first)")
        #expect(first.contains("deal.refscript") && first.contains("test  -- ") && first.contains("mcp   -- "), "\(first)")
        let options = try screenAfter("refsh test --j")
        #expect(options.contains("--jobs") && options.contains("--junit"), "\(options)")
    }
}
