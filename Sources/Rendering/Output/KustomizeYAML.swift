/// kustomize's output format, byte for byte (`ResMap.AsYaml()`).
///
/// kustomize writes each resource by decoding it to plain values, encoding those as JSON and
/// converting the JSON with `sigs.k8s.io/yaml.JSONToYAML` (go-yaml v2). The JSON step is why keys
/// come out sorted and numbers canonical; v2 decides the quoting. Both are reproduced here from
/// the node tree directly, without building JSON.
public enum KustomizeYAML {
    /// One resource, ending with a newline.
    public static func document(_ node: Node) throws(RenderError) -> String {
        guard node.isMapping else {
            let shape = node.isSequence ? "a sequence" : "a scalar"
            throw RenderError(.invalid, "cannot write a resource whose top level is \(shape); expected a mapping", at: node.origin)
        }
        let emitter = try LibYAMLEmitter()
        try write(node, to: emitter)
        return try emitter.finish()
    }

    /// Resources joined by `---` lines, without a leading separator; empty for no resources.
    public static func stream(_ nodes: [Node]) throws(RenderError) -> String {
        var out = ""
        for (index, node) in nodes.enumerated() {
            if index > 0 { out += "---\n" }
            out += try document(node)
        }
        return out
    }

    private static func write(_ node: Node, to emitter: LibYAMLEmitter) throws(RenderError) {
        switch node.value {
        case .scalar(let scalar):
            let (text, style) = try spelling(of: scalar, at: node.origin)
            try emitter.scalar(text, style: style)
        case .sequence(let items):
            try emitter.beginSequence()
            for item in items { try write(item, to: emitter) }
            try emitter.endSequence()
        case .mapping(let entries):
            try emitter.beginMapping()
            for entry in sortedUniqueEntries(entries) {
                try checkReadableByJSONToYAML(entry.key, at: entry.value.origin)
                try emitter.scalar(entry.key, style: stringStyle(entry.key))
                try write(entry.value, to: emitter)
            }
            try emitter.endMapping()
        }
    }

    /// A decoded map holds each key once (the last value wins); v2 then sorts the keys.
    private static func sortedUniqueEntries(_ entries: [Node.Entry]) -> [Node.Entry] {
        var unique: [Node.Entry] = []
        unique.reserveCapacity(entries.count)
        var positions: [String: Int] = [:]
        for entry in entries {
            if let index = positions[entry.key] {
                unique[index] = entry
            } else {
                positions[entry.key] = unique.count
                unique.append(entry)
            }
        }
        return GoYAMLKeyOrder.sorted(unique, by: \.key)
    }

    /// The text and style v2 writes for a scalar, after the JSON round trip has canonicalised it.
    static func spelling(of scalar: Scalar, at origin: Origin?) throws(RenderError) -> (String, LibYAMLEmitter.ScalarStyle) {
        switch scalar.tag {
        case .string:
            try checkReadableByJSONToYAML(scalar.text, at: origin)
            return (scalar.text, stringStyle(scalar.text))
        case .null:
            return ("null", .plain)
        case .bool:
            switch scalar.text.lowercased() {
            case "true": return ("true", .plain)
            case "false": return ("false", .plain)
            default: throw RenderError(.invalid, "cannot decode !!bool `\(scalar.text)`", at: origin)
            }
        case .int:
            guard let text = GoNumberFormat.integer(scalar.text) else {
                throw RenderError(.invalid, "cannot decode !!int `\(scalar.text)`", at: origin)
            }
            return (text, .plain)
        case .float:
            return try floatSpelling(scalar.text, at: origin)
        }
    }

    private static func floatSpelling(_ text: String, at origin: Origin?) throws(RenderError) -> (String, LibYAMLEmitter.ScalarStyle) {
        let plain = String(text.filter { $0 != "_" })
        switch plain {
        case ".nan", ".NaN", ".NAN":
            throw RenderError(.invalid, "json: unsupported value: NaN", at: origin)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
            throw RenderError(.invalid, "json: unsupported value: +Inf", at: origin)
        case "-.inf", "-.Inf", "-.INF":
            throw RenderError(.invalid, "json: unsupported value: -Inf", at: origin)
        default:
            break
        }
        let bytes = Array(plain.utf8)
        if let value = GoYAMLv2Scalars.goFloat(bytes) { return (GoNumberFormat.float(value), .plain) }
        // Out of range (`1e999`): Go's ParseFloat fails, so kyaml decoded the text as a string.
        if GoYAMLv2Scalars.matchesYAMLFloatSyntax(bytes) { return (text, stringStyle(text)) }
        throw RenderError(.invalid, "cannot decode !!float `\(text)`", at: origin)
    }

    /// JSON leaves DEL, C1 controls and U+FFFE/U+FFFF unescaped, and v2's reader rejects them when
    /// it parses that JSON, so kustomize fails on such strings instead of writing them.
    private static func checkReadableByJSONToYAML(_ text: String, at origin: Origin?) throws(RenderError) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x7F...0x84, 0x86...0x9F, 0xFFFE, 0xFFFF:
                throw RenderError(.invalid, "error converting JSON to YAML: yaml: control characters are not allowed", at: origin)
            default:
                continue
            }
        }
    }

    /// v2's encoder: multi-line strings as literal blocks, strings that would read back as
    /// another type double-quoted, the rest plain (which the emitter may still quote).
    static func stringStyle(_ text: String) -> LibYAMLEmitter.ScalarStyle {
        if text.utf8.contains(UInt8(ascii: "\n")) { return .literal }
        return GoYAMLv2Scalars.needsQuotes(text) ? .doubleQuoted : .plain
    }
}
