/// Decides whether a Secret value is secret material. References resolved elsewhere and obvious
/// placeholders are not: Flux `${VAR}` substitutions, 1Password `op://` references, vals
/// `ref+...` URIs, argocd-vault-plugin `<path:...>`, templates, and "PLACEHOLDER"/"changeme" text.
public enum SecretValue {
    /// `encoded` is true for `data` values, which are base64 and judged on their decoded text.
    public static func isSecret(_ text: String, encoded: Bool) -> Bool {
        let decoded = encoded ? (Base64.decode(text).map { String(decoding: $0, as: UTF8.self) } ?? text) : text
        let trimmed = decoded.trimmingBlanks
        if trimmed.isEmpty || isPlaceholder(trimmed) { return false }
        return true
    }

    static func isPlaceholder(_ text: String) -> Bool {
        var rest = Substring(text)
        while rest.hasPrefix("${"), let close = rest.firstIndex(of: "}") {
            rest = rest[rest.index(after: close)...].drop(while: \.isWhitespace)
        }
        if rest.isEmpty { return true }
        let single = !rest.contains(where: \.isWhitespace)
        for scheme in ["op://", "ref+", "vault:", "<path:", "awssm:", "gcpsm:"] where single && rest.hasPrefix(scheme) { return true }
        if rest.hasPrefix("{{"), rest.hasSuffix("}}") { return true }
        if rest.hasPrefix("<"), rest.hasSuffix(">"), !rest.contains("\n") { return true }
        let lower = rest.lowercased()
        return ["placeholder", "changeme", "change-me", "change_me", "replace_me", "replaceme", "to_be_replaced", "your-", "your_"]
            .contains { lower.contains($0) } && rest.count < 80
    }
}

/// Standard base64 (with or without padding, whitespace ignored); nil when the text is not base64.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte + 4)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="), 0x20, 0x0A, 0x0D, 0x09: continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var i = 0
        while i + 1 < values.count {
            let a = values[i], b = values[i + 1]
            output.append(a << 2 | b >> 4)
            if i + 2 < values.count { output.append(b << 4 | values[i + 2] >> 2) }
            if i + 3 < values.count { output.append(values[i + 2] << 6 | values[i + 3]) }
            i += 4
        }
        return output
    }
}

extension String {
    var trimmingBlanks: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
