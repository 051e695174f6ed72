import Crypto

/// kustomize's name-suffix hash (`api/hasher`): a JSON encoding of the fields that make a
/// ConfigMap or Secret what it is, SHA-256, and the first ten hex digits with the vowels and
/// some digits swapped for letters so the suffix can never spell a word or look like a number.
enum ContentHash {
    static func hash(of node: Node) throws(RenderError) -> String {
        let kind = node["kind"]?.text ?? ""
        let encoded: [UInt8]
        switch kind {
        case "ConfigMap":
            var fields: [(String, JSONValue)] = [
                ("kind", .string("ConfigMap")),
                ("name", field(node, nameLookup)),
                ("data", field(node, ["data"])),
            ]
            // binaryData counts only when it is a map, so that an absent one changes nothing.
            if case .object = field(node, ["binaryData"]) { fields.append(("binaryData", field(node, ["binaryData"]))) }
            encoded = JSONValue.object(fields).encoded()
        case "Secret":
            var fields: [(String, JSONValue)] = [
                ("kind", .string("Secret")),
                ("type", field(node, ["type"])),
                ("name", field(node, nameLookup)),
                ("data", field(node, ["data"])),
            ]
            if case .object = field(node, ["stringData"]) { fields.append(("stringData", field(node, ["stringData"]))) }
            encoded = JSONValue.object(fields).encoded()
        default:
            throw RenderError(.unsupported,
                "cannot compute a name suffix hash for kind \(kind.isEmpty ? "[noKind]" : kind); only ConfigMap and Secret are hashed",
                at: node.origin)
        }
        return suffix(forHex: hexSHA256(encoded))
    }

    /// kustomize looks the name up as one field called "metadata/name", which no object has, so
    /// the name always hashes as "": renaming (prefixes, namespaces) never changes the suffix.
    private static let nameLookup = ["metadata/name"]

    /// A missing field counts as the empty string; scalars as their text; maps and lists as JSON.
    private static func field(_ node: Node, _ path: [String]) -> JSONValue {
        guard let value = node[path: path] else { return .string("") }
        if let scalar = value.scalar { return .string(scalar.text) }
        return JSONValue(value)
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { KeyValidation.hex(UInt32($0), width: 2) }.joined()
    }

    /// kubectl's hash `encode`: ten characters with 0→g, 1→h, 3→k, a→m, e→t.
    static func suffix(forHex hex: String) -> String {
        String(hex.prefix(10).map { character -> Character in
            switch character {
            case "0": return "g"
            case "1": return "h"
            case "3": return "k"
            case "a": return "m"
            case "e": return "t"
            default: return character
            }
        })
    }
}

/// The JSON values Go's `encoding/json` would produce for a YAML subtree decoded into
/// `interface{}`: map keys sorted bytewise, HTML characters escaped.
indirect enum JSONValue: Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.encoded() == rhs.encoded() }

    init(_ node: Node) {
        switch node.value {
        case .scalar(let scalar):
            switch scalar.tag {
            case .string: self = .string(scalar.text)
            case .null: self = .null
            case .bool: self = .bool(scalar.text.lowercased() == "true")
            case .int, .float: self = JSONValue.decodedNumber(scalar.text) ?? .string(scalar.text)
            }
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .mapping(let entries):
            self = .object(entries.map { ($0.key, JSONValue($0.value)) })
        }
    }

    /// A YAML number as Go prints the float64 it decodes to (integers below 1e21 without exponent).
    private static func decodedNumber(_ text: String) -> JSONValue? {
        let cleaned = text.filter { $0 != "_" }
        let value: Double
        if let integer = ScalarResolver.integerValue(cleaned) {
            value = Double(integer)
        } else if let double = Double(cleaned) {
            value = double
        } else {
            return nil
        }
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e18 { return .number(String(Int64(value))) }
        return .number(value.description)
    }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, to: &out)
        case .number(let text): out += Array(text.utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            // Go sorts map keys by their bytes; a later duplicate key wins as in a decoded map.
            var unique: [String: JSONValue] = [:]
            for (key, value) in fields { unique[key] = value }
            let keys = unique.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            out.append(UInt8(ascii: "{"))
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                unique[key]?.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Go's string encoding: `<`, `>`, `&`, U+2028 and U+2029 escaped as \u sequences.
    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case "\n": out += Array("\\n".utf8)
            case "\r": out += Array("\\r".utf8)
            case "\t": out += Array("\\t".utf8)
            case "\u{08}": out += Array("\\b".utf8)
            case "\u{0C}": out += Array("\\f".utf8)
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += Array(("\\u" + KeyValidation.hex(scalar.value, width: 4)).utf8)
            default:
                if scalar.value < 0x20 {
                    out += Array(("\\u" + KeyValidation.hex(scalar.value, width: 4)).utf8)
                } else {
                    out += Array(String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
