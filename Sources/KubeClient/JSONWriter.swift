import Rendering

extension JSON {
    /// Compact JSON text. Keys are sorted so request bodies and logs are byte-for-byte deterministic.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    public var text: String { String(decoding: serialized(), as: UTF8.self) }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let value): JSON.writeString(value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, member) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    /// The JSON form of a rendered YAML object, resolving scalars by their YAML 1.2 tag
    /// (what the API server would decode from the same YAML).
    public init(_ node: Node) {
        switch node.value {
        case .mapping(let entries):
            self = .object(entries.map { (key: $0.key, value: JSON($0.value)) })
        case .sequence(let items):
            self = .array(items.map(JSON.init))
        case .scalar(let scalar):
            switch scalar.tag {
            case .null: self = .null
            case .string: self = .string(scalar.text)
            case .bool: self = .bool(scalar.text.lowercased() == "true")
            case .int:
                if let value = ScalarResolver.integerValue(scalar.text) {
                    self = .number(String(value))
                } else {
                    self = .string(scalar.text)
                }
            case .float:
                self = JSON.float(scalar.text)
            }
        }
    }

    /// YAML floats such as `.5`, `1_000.0` or `.inf`; JSON has no infinities, so those stay strings.
    private static func float(_ text: String) -> JSON {
        let plain = text.filter { $0 != "_" }
        if (try? JSON.parse(plain)).map({ if case .number = $0 { true } else { false } }) == true {
            return .number(plain)
        }
        if let value = Double(plain), value.isFinite { return .number(String(value)) }
        return .string(text)
    }
}
