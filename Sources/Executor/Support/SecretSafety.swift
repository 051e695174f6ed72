/// Server messages can quote the rejected value (`Invalid value: "hunter2": …`). For Secrets the
/// quoted value is replaced, so reports and logs never carry Secret data.
enum SecretSafety {
    static let redacted = "(redacted)"

    static func message(_ text: String, isSecret: Bool) -> String {
        guard isSecret else { return text }
        var out = ""
        var rest = Substring(text)
        while let marker = rest.range(of: "Invalid value: ") {
            out += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            // The value runs to the next `: ` (the server's separator before the explanation).
            if let end = rest.range(of: ": ") {
                out += redacted
                rest = rest[end.lowerBound...]
            } else {
                out += redacted
                rest = ""
            }
        }
        return out + rest
    }

    static func isSecret(kind: String, apiVersion: String) -> Bool { kind == "Secret" && apiVersion == "v1" }
}
