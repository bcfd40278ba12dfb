import Foundation
import Testing

/// A recording that cannot be finished fails a run that went well otherwise: support would get
/// a HAR without most of its exchanges, and the run said so only in a line on standard error.
@Suite struct RecordingFailureTests {
    @Test func aRecordingThatCannotBeWrittenFailsTheRun() throws {
        let dir = NSTemporaryDirectory() + "refsh-rec-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Files stop at 200 KiB (the recording outgrows it; the five-referral store and the
        // listing do not): the recording cannot be written past that, as on a full disk.
        let loop = "for i in [" + (1...30).map(String.init).joined(separator: ",") + "]; list; end"
        let script = #"ulimit -f 400; trap "" XFSZ; exec "$REFSH" --record r.har -c "$LOOP" > out.txt"#
        let result = try Refsh.run(
            ["-c", script], in: dir, executable: "/bin/sh",
            environment: [
                "REFSH": Refsh.binary, "LOOP": loop, "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_SANDBOX_SEED": "5",
                "REFSH_ENDPOINT": "",
            ])
        #expect(result.stderr.contains("refsh: cannot finish the recording: file too large\n"), "\(result.stderr)")
        #expect(result.status == 1, "the recording asked for is not whole: \(result.stderr)")
        let listed = try String(contentsOfFile: dir + "/out.txt", encoding: .utf8)
        #expect(listed.components(separatedBy: " referrals\n").count == 31, "every list ran: \(listed.suffix(200))")
    }
}
