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
        if isTimestamp(text) { return .string }
        let plain = String(text.filter { $0 != "_" })
        if integerValue(plain) != nil { return .int }
        if isFloat(plain) { return .float }
        return .string
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` (or ParseUint): decimal, 0x, 0o, 0b and legacy 0-octal.
    public static func integerValue(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("+") || s.hasPrefix("-") {
            negative = s.hasPrefix("-")
            s = s.dropFirst()
        }
        guard !s.isEmpty else { return nil }
        var radix = 10
        if s.hasPrefix("0x") || s.hasPrefix("0X") { radix = 16; s = s.dropFirst(2) }
        else if s.hasPrefix("0o") || s.hasPrefix("0O") { radix = 8; s = s.dropFirst(2) }
        else if s.hasPrefix("0b") || s.hasPrefix("0B") { radix = 2; s = s.dropFirst(2) }
        else if s.count > 1 && s.hasPrefix("0") { radix = 8; s = s.dropFirst() }
        guard !s.isEmpty, let magnitude = UInt64(s, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return Int64.max } // ParseUint accepts it; still an int
        return Int64(magnitude)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { bytes = bytes.dropFirst(); n += 1 }
            return n
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); _ = digits() }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// YAML timestamps (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`) decode to strings in kyaml.
    static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 8, b.count <= 40 else { return false }
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 48 && b[i] <= 57 }
        guard digit(0), digit(1), digit(2), digit(3), b[4] == UInt8(ascii: "-") else { return false }
        var i = 5
        guard digit(i) else { return false }
        i += digit(i + 1) ? 2 : 1
        guard i < b.count, b[i] == UInt8(ascii: "-"), digit(i + 1) else { return false }
        i += digit(i + 2) ? 3 : 2
        if i == b.count { return true }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(b[i]) else { return false }
        return b[(i + 1)...].contains(UInt8(ascii: ":"))
    }
}
