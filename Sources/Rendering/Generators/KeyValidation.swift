/// The Kubernetes name rules kustomize applies to generated data keys, with the apimachinery
/// messages kustomize passes on (`validation.IsConfigMapKey`, `validation.IsEnvVarName`).
enum KeyValidation {
    /// A ConfigMap or Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.`/`..`.
    static func configMapKeyProblem(_ key: String) -> String? {
        var problems: [String] = []
        if key.utf8.count > 253 { problems.append("must be no more than 253 characters") }
        if key.isEmpty || !key.utf8.allSatisfy(isKeyByte) {
            problems.append(regexMessage(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                pattern: "[-._a-zA-Z0-9]+", examples: ["key.name", "KEY_NAME", "key-name"]))
        }
        problems += dotPrefixProblems(key)
        return problems.isEmpty ? nil : "\(goQuoted(key)) is not a valid key name: \(problems.joined(separator: ";"))"
    }

    /// A key in an env file: `[-._a-zA-Z][-._a-zA-Z0-9]*`, not `.`/`..`.
    static func envVarNameProblem(_ key: String) -> String? {
        var problems: [String] = []
        let bytes = Array(key.utf8)
        let valid = !bytes.isEmpty && !isDigit(bytes[0]) && bytes.allSatisfy(isKeyByte)
        if !valid {
            problems.append(regexMessage(
                "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                pattern: "[-._a-zA-Z][-._a-zA-Z0-9]*", examples: ["my.env-name", "MY_ENV.NAME", "MyEnvName1"]))
        }
        problems += dotPrefixProblems(key)
        return problems.isEmpty ? nil : "\(goQuoted(key)) is not a valid key name: \(problems.joined(separator: ";"))"
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func dotPrefixProblems(_ key: String) -> [String] {
        if key == "." { return ["must not be '.'"] }
        if key == ".." { return ["must not be '..'"] }
        if key.hasPrefix("..") { return ["must not start with '..'"] }
        return []
    }

    /// apimachinery's `RegexError` text, double spaces included.
    private static func regexMessage(_ message: String, pattern: String, examples: [String]) -> String {
        var text = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { text += " or " }
            text += "'\(example)', "
        }
        return text + "regex used for validation is '\(pattern)')"
    }

    /// Go's `%q` for the strings that reach error messages: quotes, backslashes and control
    /// characters escaped, printable text kept.
    static func goQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + hex(scalar.value, width: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
