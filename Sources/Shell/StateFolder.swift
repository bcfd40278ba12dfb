/// refsh's folder for state kept between runs: `$XDG_STATE_HOME/refsh`, else
/// `~/.local/state/refsh`; `nil` when neither variable is set. The history, the seen ids and the
/// session journals live in it.
enum StateFolder {
    static func path(_ variable: (String) -> String?) -> String? {
        let base = variable("XDG_STATE_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? variable("HOME").map { $0 + "/.local/state" }
        return base.map { $0 + "/refsh" }
    }
}
