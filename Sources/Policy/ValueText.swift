import CEL

extension CEL.Value {
    /// The value written the way a CEL expression would write it (`'web'`, `3u`, `[1, 2]`,
    /// `{'a': true}`), for `shipshape cel eval --format text`.
    public var literalText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d):
            if d.isNaN { return "double('NaN')" }
            if d.isInfinite { return d > 0 ? "double('Infinity')" : "double('-Infinity')" }
            let text = String(d)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .string(let s): return Self.quoted(s)
        case .bytes(let bytes):
            return "b'" + bytes.map { byte in
                byte >= 0x20 && byte < 0x7F && byte != 0x27 && byte != 0x5C ? String(UnicodeScalar(byte)) : "\\x" + Self.hex(byte)
            }.joined() + "'"
        case .list(let items): return "[" + items.map(\.literalText).joined(separator: ", ") + "]"
        case .map(let map): return "{" + map.entries.map { "\($0.key.literalText): \($0.value.literalText)" }.joined(separator: ", ") + "}"
        case .type(let type): return type.name
        case .duration(let d): return "duration('\(d.text)')"
        case .timestamp(let t): return "timestamp('\(t.text)')"
        case .optional(let wrapped): return wrapped.map { "optional.of(\($0.literalText))" } ?? "optional.none()"
        case .error(let error): return "error: \(error.message)"
        case .unknown(let ids): return "unknown(\(ids.sorted().map(String.init).joined(separator: ", ")))"
        case .opaque(let value): return "\(value.typeName)('\(value.description)')"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + hex(UInt8(scalar.value)) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "'"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
