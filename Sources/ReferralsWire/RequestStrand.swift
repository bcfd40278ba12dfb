/// Which strand of a run a request belongs to: an iteration of a parallel loop (`12:1#7`: the
/// loop at line 12, column 1, its 7th item; a nested loop's strand follows its iteration's after
/// a `/`), or `nil` for the run's main line. A recording notes it on each entry, and a replay
/// answers a request from the entries of its own strand in their order, whatever order the
/// strands' requests come in (docs/support.md).
public enum RequestStrand {
    /// The strand of the task sending a request.
    @TaskLocal public static var current: String?

    /// The strand of item `item` (from 1) of the loop at `line`:`column`, inside the current one.
    public static func iteration(line: Int, column: Int, item: Int) -> String {
        (current.map { $0 + "/" } ?? "") + "\(line):\(column)#\(item)"
    }
}
