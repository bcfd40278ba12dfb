/// The table of commands: the parser resolves names here, `help` and completion list it.
public struct CommandRegistry: Sendable {
    /// Commands in the order `help` lists them.
    public let commands: [any ScriptCommand.Type]
    private let byName: [String: any ScriptCommand.Type]

    public init(_ commands: [any ScriptCommand.Type]) {
        self.commands = commands
        var table: [String: any ScriptCommand.Type] = [:]
        for command in commands {
            for name in [command.spec.name] + command.spec.aliases { table[name] = command }
        }
        byName = table
    }

    /// The command called `name` (or an alias of it).
    public func command(named name: String) -> (any ScriptCommand.Type)? { byName[name] }

    /// Every name and alias, sorted.
    public var allNames: [String] { byName.keys.sorted() }

    /// The commands of the language (online ones reach the service through ``ScriptWorld/connector``).
    public static let standard = CommandRegistry([
        HelpCommand.self, ShowCommand.self, GetCommand.self, SetCommand.self, UnsetCommand.self,
        AppendCommand.self, InsertCommand.self, TransitionCommand.self, ValidateCommand.self, DiffCommand.self,
        UndoCommand.self, RevertCommand.self, EditCommand.self, OpenCommand.self, SaveCommand.self, EchoCommand.self,
        LetCommand.self, AssertCommand.self, SourceCommand.self, ExitCommand.self, OptionCommand.self,
        LoadCommand.self, ListCommand.self, ReloadCommand.self, PatchCommand.self, PutCommand.self, RebaseCommand.self,
        NewCommand.self, CreateCommand.self, ConnectCommand.self, TokenCommand.self, LoginCommand.self, LogoutCommand.self, SessionCommand.self,
        SandboxCommand.self, TraceCommand.self, RecordCommand.self, WaitCommand.self, SkipCommand.self, ThrowCommand.self,
        HistoryCommand.self, VersionCommand.self,
    ])
}
