import Foundation
import RefScript
import SafeFiles

/// Files on disk; relative names are resolved against `directory` (the working directory by default).
public struct LocalFileSystem: FileSystem {
    public var directory: String

    public init(directory: String = FileManager.default.currentDirectoryPath) {
        self.directory = directory
    }

    public func absolutePath(_ path: String) -> String { resolve(path) }

    public func isRegularFile(_ path: String) -> Bool { BoundedReader.isRegularFile(resolve(path)) }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        // `~` is $HOME, as a shell reads it (Foundation's expansion takes the account's home
        // directory, which a test or a `HOME=… refsh` does not change).
        if path == "~" || path.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return home + path.dropFirst()
        }
        return (directory as NSString).appendingPathComponent(path)
    }

    public func readText(_ path: String) throws(FileError) -> String {
        let full = resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { throw FileError.noSuchFile }
        if isDirectory.boolValue { throw FileError("is a directory") }
        // Read by the descriptor, not FileManager's contents(atPath:), which fails on a pipe
        // (`refsh <(generate-script)`, a FIFO, /dev/stdin); at most 256 MiB (`open /dev/zero`).
        switch BoundedReader.readFile(full) {
        case .failure(let failure): throw FileError(failure.message)
        case .success(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else { throw FileError.notUTF8 }
            return text
        }
    }

    public func writeText(_ text: String, to path: String) throws(FileError) {
        let full = resolve(path)
        let parent = (full as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FileError("no such directory \(parent)")
        }
        // The file is replaced by a rename, which its own mode does not stop: a file the user
        // may not write is refused as the shell's `>` refuses it.
        if FileManager.default.fileExists(atPath: full), access(full, W_OK) != 0 { throw FileError("permission denied") }
        do {
            try SafeFileWriter.write(Array(text.utf8), to: full)
        } catch {
            throw FileError(error.message)
        }
    }

    public func openLoopJournal(_ path: String) throws(FileError) -> any LoopJournal {
        guard !path.isEmpty else { throw FileError("the file name is empty") }
        return try LoopJournalFile.open(resolve(path), name: path)
    }

    public func entries(in directory: String) -> [String] {
        let full = resolve(directory.isEmpty ? "." : directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []
        return names.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return isDirectory.boolValue ? name + "/" : name
        }
    }
}

/// The process environment.
public struct ProcessEnvironment: EnvironmentReader {
    public init() {}
    public func value(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}
