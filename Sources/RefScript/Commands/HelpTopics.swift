/// The texts of `help <topic>`.
public enum HelpTopics {
    /// Public so completion can offer them.
    public static var topicNames: [String] { names }
    static let names = ["paths", "values", "scripts", "transitions", "exit-codes"]

    static func text(_ name: String) -> String? {
        switch name {
        case "paths": paths
        case "values": values
        case "scripts": scripts
        case "transitions": transitions
        case "exit-codes": exitCodes
        default: nil
        }
    }

    static let paths = """
        Paths name a place in the referral:
          details.dealValue               a member of a member
          customerProfile.team[0].email   an array element (from 0)
          team[-1]                        the last element
          "odd key".x  ['odd key'].x      names with spaces or punctuation
          /details/dealValue              a JSON Pointer, as in PATCH documents
          .                               the whole referral
        Names match exactly, else ignoring case (Details.DealValue finds details.dealValue);
        new members keep the spelling given. JSON Pointers match exactly.

        """

    static let values = """
        A value argument is JSON when it is a bare JSON literal (50000, -2.5, true, false, null)
        or an object or array ({"a": 1}, [1, 2]); a quoted word ("50000", 'x') is always a
        string; any other bare word is a string (Closed, USD). $name keeps the JSON type of the
        variable; (get <path>) gives the value at a path. 007 is a string (not a JSON number).

        """

    static let scripts = """
        One command per line, or several separated by ';'. '#' starts a comment; '\\' at the end
        of a line continues it; a JSON object or array may span lines.
        Quoting: "double" (escapes \\n \\t \\" \\\\ \\$ \\u{…}, $variables), 'single' (as written).
        Variables: let name value, $name, ${name.path}, $1 … (script arguments), $0, $env.HOME,
        refsh --var name=value. Substitution: (get details.dealValue).
        Blocks: if <condition> … else if … else … end; for <name> in <list> … end.
        A script is parsed whole before it runs; the first failing command stops it
        (option errexit off to continue) with FILE:LINE:COLUMN: error: message.

        """

    static let transitions = """
        from     may move to            substatus allowed for the target status
        New      New, Active, Closed    New: Pending, Received
        Active   Active, Closed         Active: Accepted
        Closed   Closed                 Closed: Won, Lost, Declined, Expired
        Any other move is refused before anything is sent.

        """

    static let exitCodes = """
        0  success
        1  a command failed
        2  usage or syntax error (nothing ran)
        3  an assertion failed
        4  conflict: the server copy changed (412); the working copy is kept
        5  network or service error

        """
}
