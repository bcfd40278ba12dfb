import Testing

@testable import RefScript

/// What follows an `assert`'s condition is a quoted message or nothing: a mistyped operator
/// must not become the message of an assertion that then checks less (`status` alone holds).
@Suite struct AssertMessageTests {
    func firstError(_ line: String) -> String? {
        do {
            _ = try Parser.parse(line, file: "t")
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        ("assert status ==Closed", "==Closed"), ("assert details.dealValue >=999999", ">=999999"), ("assert status eq Closed", "eq"),
        ("assert status in[New]", "in[New]"), ("assert status === Closed", "==="),
        ("assert status ==$s", "==$s"), (#"assert status =="Closed""#, #"=="Closed""#), ("assert status ==(get substatus)", "==(get"),
    ])
    func aBareWordAfterTheConditionIsRefused(_ line: String, _ word: String) {
        #expect(
            firstError(line)
                == "assert: unexpected '\(word)' after the condition; a message goes in quotes (usage: assert <condition> [\"<message>\"])")
    }

    @Test(arguments: [
        "assert status == Closed", "assert status == Closed 'must be closed'", "assert status == Closed \"for $who\"", "assert exists details $why",
    ])
    func aQuotedMessageOrAVariableIsTaken(_ line: String) {
        #expect(firstError(line) == nil)
    }
}
