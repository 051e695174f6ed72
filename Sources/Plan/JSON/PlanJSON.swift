/// A JSON value as the plan file stores it. Numbers keep their canonical text so that a manifest
/// round-trips without float reformatting, and objects are unordered: the writer sorts keys, which
/// is what makes two plans of the same input byte-identical.
public enum PlanJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Canonical number text: an integer in decimal, or a float in Swift's shortest round-trip form.
    case number(String)
    case string(String)
    case array([PlanJSON])
    case object([String: PlanJSON])

    public static func integer(_ value: Int) -> PlanJSON { .number(String(value)) }

    // MARK: Reading

    public subscript(key: String) -> PlanJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let text) = self { return text }; return nil }
    public var boolValue: Bool? { if case .bool(let flag) = self { return flag }; return nil }
    public var intValue: Int? { if case .number(let text) = self { return Int(text) }; return nil }
    public var arrayValue: [PlanJSON]? { if case .array(let items) = self { return items }; return nil }
    public var objectValue: [String: PlanJSON]? { if case .object(let members) = self { return members }; return nil }
    public var isNull: Bool { self == .null }

    // MARK: Writing

    /// Two-space indented, keys sorted by Unicode scalar (the order of their UTF-8 bytes), with a
    /// trailing newline: the plan file format.
    public func pretty() -> String {
        var out = ""
        write(into: &out, indent: "", pretty: true)
        return out + "\n"
    }

    /// No whitespace, keys sorted: the canonical form content hashes are taken over.
    public func compact() -> String {
        var out = ""
        write(into: &out, indent: "", pretty: false)
        return out
    }

    private func write(into out: inout String, indent: String, pretty: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + inner }
                item.write(into: &out, indent: inner, pretty: pretty)
            }
            if pretty { out += "\n" + indent }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            let inner = indent + "  "
            for (index, key) in Self.sortedKeys(members).enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + inner }
                Self.quote(key, into: &out)
                out += pretty ? ": " : ":"
                members[key]?.write(into: &out, indent: inner, pretty: pretty)
            }
            if pretty { out += "\n" + indent }
            out += "}"
        }
    }

    /// Swift's `<` on String compares by Unicode canonical ordering, which is not byte order for
    /// every input; the file promises byte order, as Go's and Python's sorted keys give.
    static func sortedKeys(_ members: [String: PlanJSON]) -> [String] {
        members.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
