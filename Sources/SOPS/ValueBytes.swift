import Rendering

/// The byte strings sops feeds to its MAC (`sops.ToBytes` of the value as its store typed it,
/// README §1.2), for plaintext leaves and for decrypted ones.
enum ValueBytes {
    /// A plaintext leaf; nil for null, which sops neither encrypts nor hashes.
    static func plaintext(_ scalar: SOPSScalar) -> [UInt8]? {
        switch scalar.type {
        case .null: return nil
        case .string: return Array(scalar.text.utf8)
        case .int:
            let plain = scalar.text.filter { $0 != "_" }
            if let value = ScalarResolver.integerValue(plain) { return Array(String(value).utf8) }
            return Array(scalar.text.utf8)
        case .float:
            guard let value = GoFloat.parseYAML(scalar.text) else { return Array(scalar.text.utf8) }
            return Array(GoFloat.format(value).utf8)
        case .bool:
            return Array((scalar.text.lowercased() == "true" ? "True" : "False").utf8)
        case .timestamp:
            guard let time = GoTime.parseYAMLTimestamp(scalar.text) else { return Array(scalar.text.utf8) }
            return Array(time.rfc3339Nano.utf8)
        }
    }

    enum Conversion: Error { case invalid }

    /// A decrypted value as sops' cipher returns it (`strconv` parse by type) and `ToBytes`
    /// writes it back. Comments are never hashed, so they return nil.
    static func decrypted(_ bytes: [UInt8], type: String) throws(Conversion) -> [UInt8]? {
        switch type {
        case "str", "bytes": return bytes
        case "comment": return nil
        case "int", "int64":
            guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else { throw .invalid }
            return Array(String(value).utf8)
        case "float":
            guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { throw .invalid }
            return Array(GoFloat.format(value).utf8)
        case "bool":
            switch String(decoding: bytes, as: UTF8.self) {
            case "1", "t", "T", "TRUE", "true", "True": return Array("True".utf8)
            case "0", "f", "F", "FALSE", "false", "False": return Array("False".utf8)
            default: throw .invalid
            }
        case "time":
            guard let time = GoTime.parseRFC3339(String(decoding: bytes, as: UTF8.self)) else { throw .invalid }
            return Array(time.rfc3339Nano.utf8)
        default:
            throw .invalid
        }
    }
}
