import YAMLTree

extension Node {
    /// Converts a parsed YAML node, resolving plain scalars as kustomize's YAML library does
    /// (YAML 1.2 core schema: `yes`/`on` stay strings, `0x1F` is an int, timestamps stay strings)
    /// and expanding aliases and merge keys the way a decoder would.
    public init(yaml: YAMLNode) {
        self = Node.convert(yaml, depth: 0)
    }

    private static func convert(_ yaml: YAMLNode, depth: Int) -> Node {
        let origin = Origin(file: yaml.document.file, line: yaml.line, column: yaml.column)
        switch yaml.kind {
        case .scalar:
            let text = yaml.scalar ?? ""
            return Node(.scalar(Scalar(text, tag: resolvedTag(text, style: yaml.style, tag: yaml.tag))), origin: origin)
        case .sequence:
            return Node(.sequence(yaml.elements.map { convert($0, depth: depth + 1) }), origin: origin)
        case .mapping:
            var entries: [Entry] = []
            var merged: [Entry] = []
            for (key, value) in yaml.entries {
                if key.style == .plain, key.scalarEquals("<<"), depth < 64 {
                    let sources = value.isSequence ? value.elements : [value]
                    for source in sources where source.isMapping {
                        for entry in convert(source, depth: depth + 1).entries
                        where !merged.contains(where: { $0.key == entry.key }) {
                            merged.append(entry)
                        }
                    }
                    continue
                }
                let name = key.scalar ?? ""
                let converted = convert(value, depth: depth + 1)
                if let index = entries.firstIndex(where: { $0.key == name }) {
                    // Duplicate keys are reported by the front-end; the later value wins as in a decoder.
                    entries[index].value = converted
                } else {
                    entries.append(Entry(key: name, value: converted))
                }
            }
            for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
                entries.append(entry)
            }
            return Node(.mapping(entries), origin: origin)
        }
    }

    /// The tag a plain scalar resolves to under go-yaml v3's rules; quoted and block scalars are strings.
    static func resolvedTag(_ text: String, style: YAMLScalarStyle, tag: String?) -> ScalarTag {
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!!str": return .string
            case "tag:yaml.org,2002:int", "!!int": return .int
            case "tag:yaml.org,2002:float", "!!float": return .float
            case "tag:yaml.org,2002:bool", "!!bool": return .bool
            case "tag:yaml.org,2002:null", "!!null": return .null
            case "!": return .string
            default: break
            }
        }
        guard style == .plain else { return .string }
        return ScalarResolver.resolve(text)
    }
}

/// YAML 1.2 core-schema resolution of plain scalars, as go-yaml v3 applies it.
public enum ScalarResolver {
    public static func resolve(_ text: String) -> ScalarTag {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
             ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        guard let first = text.utf8.first,
              first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return .string }
        // Timestamps (`2001-12-14`) never read as numbers, so they stay strings as kyaml keeps them.
        let plain = Array(text.utf8).filter { $0 != UInt8(ascii: "_") }
        if GoYAMLv2Scalars.goInteger(plain) != nil { return .int }
        if GoYAMLv2Scalars.matchesYAMLFloatSyntax(plain) { return .float }
        return .string
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`: decimal, 0x, 0o, 0b and legacy 0-octal; nil beyond Int64.
    public static func integerValue(_ text: String) -> Int64? {
        GoYAMLv2Scalars.goInteger(Array(text.utf8)).flatMap { Int64($0) }
    }
}
