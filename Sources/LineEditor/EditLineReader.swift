import CEditLine

#if canImport(Glibc)
import Glibc
#endif

/// Completes the word before the cursor: candidates for the shell's line reader.
public protocol LineCompleter: AnyObject {
    /// For `textBeforeCursor`, how many trailing characters form the word being completed and
    /// the full words that may replace it (each with an optional description).
    func complete(_ textBeforeCursor: String) -> (wordLength: Int, candidates: [(word: String, description: String?)])
}

/// The interactive line reader: libedit with emacs keys, UTF-8, history in a file, Ctrl-C that
/// drops the line, Ctrl-D that ends input, and Tab completion through a ``LineCompleter``.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var prompt: UnsafeMutablePointer<CChar>
    /// The history file, shared with other shells (``SharedHistoryFile``).
    private let historyFile: SharedHistoryFile?
    /// Lines for which this returns false never reach the history (secrets).
    private let keepInHistory: (String) -> Bool
    public var completer: (any LineCompleter)?
    /// Set by the `^C` binding: the line being read is dropped.
    private var interrupted = false

    /// A reader; `historyFile` is loaded now and saved after every entry (at most `historySize` lines).
    public init?(program: String, historyFile: String?, historySize: Int32 = 1000, keepInHistory: @escaping (String) -> Bool) {
        guard refsh_stdin_is_tty() == 1, let editLine = refsh_el_init(program), let history = refsh_history_init(historySize) else {
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile.map { SharedHistoryFile(path: $0, size: historySize) }
        self.keepInHistory = keepInHistory
        prompt = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        refsh_el_set_emacs(editLine)
        // libedit's signal handlers run on whatever thread a signal reaches, and its SIGWINCH
        // handler resizes the line buffers there, racing with el_gets on the editing thread
        // (a crash seen under load). Signals are handled here instead (refsh_install_*).
        refsh_el_set_signal(editLine, 0)
        refsh_el_set_history(editLine, history)
        refsh_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        refsh_el_set_prompt_esc(editLine) { el in
            guard let el, let data = refsh_el_get_clientdata(el) else { return nil }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().prompt
        }
        refsh_el_add_function(editLine, "refsh-complete", "complete the word before the cursor") { el, _ in
            guard let el, let data = refsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().completeWord(el)
        }
        refsh_el_bind(editLine, "^I", "refsh-complete")
        // In editing mode libedit reads ^C as a character: bind it, so Ctrl-C drops the line
        // whether it arrives as a key or (below) as SIGINT.
        refsh_el_add_function(editLine, "refsh-interrupt", "drop the current line") { el, _ in
            guard let el, let data = refsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().interrupted = true
            return UInt8(CC_NEWLINE)
        }
        refsh_el_bind(editLine, "^C", "refsh-interrupt")
        refsh_el_add_function(editLine, "refsh-suspend", "stop refsh (fg resumes the line)") { el, _ in
            guard let el else { return UInt8(CC_ERROR) }
            return refsh_suspend(el)
        }
        refsh_el_bind(editLine, "^Z", "refsh-suspend")
        refsh_el_keys_not_signals(editLine)
        refsh_install_sigint()
        refsh_install_winch()
        if let historyFile { _ = refsh_history_load(history, historyFile) }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(prompt)
    }

    public func readLine(prompt text: String) -> LineInput {
        free(prompt)
        prompt = strdup(text) ?? prompt
        var count: Int32 = 0
        interrupted = false
        if refsh_take_winch() != 0 { el_resize(editLine) }  // a resize since the last line
        let raw = el_gets(editLine, &count)
        if interrupted {
            refsh_write_stdout("^C\n")
            return .interrupted
        }
        guard let raw else {
            if count == -1 && refsh_errno() == EINTR {
                refsh_write_stdout("^C\n")
                el_reset(editLine)
                return .interrupted
            }
            refsh_write_stdout("\n")
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public var interrupts: (any InterruptSource)? { SignalInterrupts() }

    public func addToHistory(_ line: String) {
        guard !line.isEmpty, keepInHistory(line) else { return }
        refsh_history_enter(history, line)
        historyFile?.append(line)
    }

    /// The history, oldest first (what Up walks back through).
    public var historyEntries: [String] { SharedHistoryFile.entries(of: history) }

    public func forgetHistory(unless keep: (String) -> Bool) {
        let entries = historyEntries
        if entries.contains(where: { !keep($0) }) {
            _ = refsh_history_clear(history)
            for entry in entries where keep(entry) { refsh_history_enter(history, entry) }
        }
        historyFile?.keepOnly(keep)  // another shell may have recorded the line too
    }

    /// Forgets the history, in memory and in the file.
    public func clearHistory() {
        _ = refsh_history_clear(history)
        historyFile?.keepOnly { _ in false }
    }

    /// Tab: extend the word to the candidates' common prefix; list the candidates when that adds nothing.
    private func completeWord(_ el: OpaquePointer) -> UInt8 {
        guard let completer, let info = el_line(el)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = String(
            decoding: UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: cursor - buffer), as: UTF8.self)
        let (wordLength, candidates) = completer.complete(before)
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let word = String(before.suffix(wordLength))
        let common = Self.commonPrefix(candidates.map(\.word))
        if candidates.count == 1 {
            let full = candidates[0].word
            let ending = full.hasSuffix(".") || full.hasSuffix("/") || full.hasSuffix("[") ? "" : " "
            Self.replace(word, with: full + ending, in: el)
            return UInt8(CC_REFRESH)
        }
        if common.count > word.count {
            Self.replace(word, with: common, in: el)
            return UInt8(CC_REFRESH)
        }
        let width = candidates.map(\.word.count).max() ?? 0
        var listing = "\n"
        for candidate in candidates.prefix(60) {
            listing += candidate.word
            if let description = candidate.description {
                listing += String(repeating: " ", count: width - candidate.word.count + 2) + description
            }
            listing += "\n"
        }
        if candidates.count > 60 { listing += "… \(candidates.count - 60) more\n" }
        refsh_write_stdout(listing)
        return UInt8(CC_REDISPLAY)
    }

    /// Puts `text` in place of `word`, the word before the cursor: only the rest is inserted when
    /// `text` extends it, else the word is replaced whole (a completion that added quotes).
    private static func replace(_ word: String, with text: String, in el: OpaquePointer) {
        if text.hasPrefix(word) {
            el_insertstr(el, String(text.dropFirst(word.count)))
        } else {
            el_deletestr(el, Int32(word.unicodeScalars.count))  // libedit counts wide characters
            el_insertstr(el, text)
        }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

/// SIGINTs as counted by the handler ``EditLineReader`` installs. It must live in this file: the
/// counter is a `static` variable of the C shim, and each Swift file that calls into the shim
/// gets its own copy of it, so the code that reads it must be compiled with the code that
/// installs the handler.
struct SignalInterrupts: InterruptSource {
    func count() -> Int { Int(refsh_sigint_count()) }
}
