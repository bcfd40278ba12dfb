import ReferralKit

/// Finds secrets hidden by an encoding ``SecretForms`` does not list: the runs of characters a
/// URL or a JSON string can hold (letters, digits, `%`, `\\`, `-._~+/=`), percent-decoded and
/// unescaped, layer after layer; a run any of whose decodings holds a secret, in any of the forms
/// ``SecretForms`` lists (base64 percent-encoded, or JSON-escaped twice), is replaced whole by
/// `<redacted>`.
enum EncodedRuns {
    static func redact(_ text: String, holding secrets: [String]) -> String {
        var result = ""
        var run = ""
        func close() {
            if run.contains("%") || run.contains("\\"), layers(of: run).contains(where: { layer in secrets.contains(where: layer.contains) }) {
                result += "<redacted>"
            } else {
                result += run
            }
            run = ""
        }
        for character in text {
            if isRunCharacter(character) {
                run.append(character)
            } else {
                close()
                result.append(character)
            }
        }
        close()
        return result
    }

    static func isRunCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "%\\-._~+/=".utf8.contains(ascii)
        }
    }

    /// The run with `%XX` decoded and `\/`, `\\` and `\u00XX` unescaped (in either order of the two).
    static func decoded(_ run: String) -> String {
        unescaped(PercentEncoding.decode(unescaped(run)))
    }

    /// The run's decodings, one layer more each: a secret percent-encoded twice (`%2541` for `A`),
    /// or JSON-escaped inside a URL, shows in a later one. Stops when a layer decodes to itself
    /// (each that does not is shorter, so there are few), or after ``maximumLayers``.
    static func layers(of run: String) -> [String] {
        var layers: [String] = []
        var text = run
        while layers.count < maximumLayers {
            let next = decoded(text)
            if next == text { break }
            layers.append(next)
            text = next
        }
        return layers
    }

    /// More layers than any encoder stacks by accident; a hostile run cannot make it loop long.
    static let maximumLayers = 8

    private static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var characters = Array(text)[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "\\", let next = characters.first else {
                out.append(character)
                continue
            }
            if next == "u", characters.count >= 5, let value = UInt32(String(characters.dropFirst().prefix(4)), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out.unicodeScalars.append(scalar)
                characters = characters.dropFirst(5)
            } else {
                out.append(next)
                characters = characters.dropFirst()
            }
        }
        return out
    }
}
