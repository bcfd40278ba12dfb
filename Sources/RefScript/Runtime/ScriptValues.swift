import ReferralKit

/// How text from outside a script (`--var`, environment) becomes a value.
public enum ScriptValues {
    /// Like a bare word: `5` is a number, `true` a Boolean, `null` null, `[a, b]` or `["a","b"]`
    /// a list, `{"a": 1}` an object; anything else (JSON that does not parse too) a string.
    public static func literal(_ text: String) -> JSONValue {
        if let first = text.first, first == "[" || first == "{" {
            if let value = try? JSONParser.parse(text) { return value }
            if first == "[", let list = ListLiteral.parse(text) { return .array(list) }
            return .string(text)
        }
        return ArgumentPreparer.literalValue(text)
    }
}
