import Foundation
import RefScript
import SafeFiles

#if canImport(Glibc)
import Glibc
#endif

/// `edit`'s editor (docs/editing.md): `$VISUAL`, else `$EDITOR`, else `vi`, run by `/bin/sh` on a
/// file of its own in a private temporary folder (0700; the file 0600), on this terminal. The
/// file is read back by its name, so an editor that saves by renaming a new file over it works.
public struct ShellTextEditor: TextEditor {
    let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// The editor command: the first of `VISUAL` and `EDITOR` that is set and not blank, else `vi`.
    var command: String { chosenCommand ?? "vi" }

    /// The first of `VISUAL` and `EDITOR` that is set and not blank.
    var chosenCommand: String? {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return nil
    }

    public func edit(_ text: String, fileName: String) throws(EditorFailure) -> String {
        // vi with no terminal waits for keys from a pipe or a file, or reads the script as keys;
        // an editor the user chose may need none (a GUI's `code --wait`, a sed in a test).
        if chosenCommand == nil, isatty(0) != 1 || isatty(1) != 1 {
            throw EditorFailure(
                "no terminal for the editor: set VISUAL or EDITOR to one that needs none (it gets the file as $1), or use set and put")
        }
        if let program = ProgramLookup.missing(in: command, path: environment["PATH"], home: environment["HOME"]) {
            throw EditorFailure(Self.notInstalled(program))
        }
        var template = Array((NSTemporaryDirectory() + "refsh-edit-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) } }
        guard let folder = made else {
            throw EditorFailure("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/" + fileName
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw EditorFailure("cannot write \(file)")
        }
        switch TerminalProgram.run(command + " \"$1\"", name: "refsh-edit", arguments: [file]) {
        case nil: throw EditorFailure("cannot start /bin/sh to run the editor")
        case .killed(let signal)?: throw EditorFailure("the editor (\(command)) was killed by signal \(signal)")
        case .exited(127)?: throw EditorFailure(Self.notInstalled(command))
        case .exited(let status)? where status != 0: throw EditorFailure("the editor (\(command)) exited with status \(status)")
        case .exited?: break
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw EditorFailure("the edited file is gone (\(file)): the editor did not save it")
        }
        // What the editor left may be a folder, a FIFO or a link to a device: said so, not read.
        if BoundedReader.isSpecial(file) { throw EditorFailure("the editor left something other than a file at \(file)") }
        let data: [UInt8]
        switch BoundedReader.readFile(file) {
        case .success(let bytes): data = bytes
        case .failure(let failure): throw EditorFailure("the edited file cannot be read: \(failure.message)")
        }
        guard let edited = String(validating: data, as: UTF8.self) else { throw EditorFailure("the edited file is not UTF-8 text") }
        return edited
    }

    static func notInstalled(_ program: String) -> String {
        "the editor '\(program)' is not installed (set VISUAL or EDITOR to one that is)"
    }

    public func confirm(_ question: String) -> Bool? {
        guard isatty(0) == 1, isatty(2) == 1 else { return nil }
        StandardStreams.writeError(question + " [Y/n] ")
        // Read a line, waking every 100 ms: Ctrl-C cancels the command that asks, and a blocked
        // read would not see it (the next Enter was taken as yes).
        var answer: [UInt8] = []
        while true {
            if Task.isCancelled {
                StandardStreams.writeError("\n")
                return false
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0, errno == EINTR { continue }
            guard ready >= 0 else { return false }
            if ready == 0 { continue }
            var byte: UInt8 = 0
            let count = read(0, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }  // end of input: no
            if byte == UInt8(ascii: "\n") { break }
            answer.append(byte)
        }
        let text = String(decoding: answer, as: UTF8.self)
        return !["n", "no"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
