/// A value handed to `<string>.format(list)`; the evaluator converts its own values into these.
public indirect enum FormatArgument: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case bool(Bool)
    case bytes([UInt8])
    case null
    /// A type value, by its CEL name (`string`, `google.protobuf.Timestamp`).
    case type(String)
    case duration(nanoseconds: Int64)
    /// A timestamp already written in RFC 3339 (UTC, `Z`, fractional seconds only when non-zero).
    case timestamp(String)
    case list([FormatArgument])
    case map([(key: FormatArgument, value: FormatArgument)])
    /// Anything `format` cannot print (messages, optionals...), by CEL type name.
    case other(typeName: String)

    public static func == (lhs: FormatArgument, rhs: FormatArgument) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.type(let a), .type(let b)), (.timestamp(let a), .timestamp(let b)),
             (.other(let a), .other(let b)):
            a == b
        case (.int(let a), .int(let b)): a == b
        case (.uint(let a), .uint(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.bool(let a), .bool(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.null, .null): true
        case (.duration(let a), .duration(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    var typeName: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .bool: "bool"
        case .bytes: "bytes"
        case .null: "null_type"
        case .type: "type"
        case .duration: "google.protobuf.Duration"
        case .timestamp: "google.protobuf.Timestamp"
        case .list: "list"
        case .map: "map"
        case .other(let name): name
        }
    }
}

/// `<string>.format(list)` with the clause rules of cel-go's current formatter (cel-spec's
/// `string_ext` cases): `%s %d %f %e %b %o %x %X`, `%.N` precision, `%%` for a percent sign.
extension StringsExtension {
    static let defaultPrecision = 6

    public static func format(_ template: String, _ arguments: [FormatArgument]) throws(StringFunctionError) -> String {
        let characters = Array(template.unicodeScalars)
        var output = ""
        var index = 0
        var argumentIndex = 0
        while index < characters.count {
            guard characters[index] == "%" else {
                output.unicodeScalars.append(characters[index])
                index += 1
                continue
            }
            if index + 1 < characters.count, characters[index + 1] == "%" {
                output += "%"
                index += 2
                continue
            }
            guard index + 1 < characters.count else { throw .format("unexpected end of string") }
            guard argumentIndex < arguments.count else { throw .format("index \(argumentIndex) out of range") }
            index += 1
            var precision = defaultPrecision
            if characters[index] == "." {
                index += 1
                var digits = ""
                while index < characters.count, let digit = characters[index].asciiDigitValue {
                    digits += String(digit)
                    index += 1
                }
                guard index < characters.count else {
                    throw .format("could not parse formatting clause: error while parsing precision: could not find end of precision specifier")
                }
                guard let value = Int(digits.prefix(6)), value <= GoFloatFormatting.maximumPrecision else {
                    throw .format("could not parse formatting clause: error while parsing precision: precision exceeds maximum allowed precision \(GoFloatFormatting.maximumPrecision)")
                }
                precision = value
            }
            let verb = characters[index]
            index += 1
            output += try formatClause(verb, precision: precision, arguments[argumentIndex])
            argumentIndex += 1
        }
        return output
    }

    private static func formatClause(_ verb: Unicode.Scalar, precision: Int, _ argument: FormatArgument) throws(StringFunctionError) -> String {
        func failure(_ message: String) -> StringFunctionError {
            .format("error during formatting: \(message), was given \(argument.typeName)")
        }
        switch verb {
        case "s":
            guard let text = plainText(argument) else {
                throw failure("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps")
            }
            return text
        case "d":
            switch argument {
            case .int(let value): return String(value)
            case .uint(let value): return String(value)
            case .double(let value): return special(value) ?? GoFloatFormatting.shortest(value)
            default: throw failure("decimal clause can only be used on ints, uints, and doubles")
            }
        case "f", "e":
            let value: Double
            switch argument {
            case .int(let integer): value = Double(integer)
            case .uint(let integer): value = Double(integer)
            case .double(let double): value = double
            default:
                throw failure(verb == "f" ? "fixed-point clause can only be used on ints, uints, and doubles"
                    : "scientific clause can only be used on ints, uints, and doubles")
            }
            if let text = special(value) { return text }
            return verb == "f" ? GoFloatFormatting.fixed(value, precision: precision)
                : GoFloatFormatting.scientific(value, precision: precision)
        case "b":
            switch argument {
            case .bool(let value): return value ? "1" : "0"
            case .int(let value): return signed(value, radix: 2)
            case .uint(let value): return String(value, radix: 2)
            default: throw failure("only ints, uints, and bools can be formatted as binary")
            }
        case "o":
            switch argument {
            case .int(let value): return signed(value, radix: 8)
            case .uint(let value): return String(value, radix: 8)
            default: throw failure("octal clause can only be used on ints and uints")
            }
        case "x", "X":
            let uppercase = verb == "X"
            switch argument {
            case .int(let value): return signed(value, radix: 16, uppercase: uppercase)
            case .uint(let value): return String(value, radix: 16, uppercase: uppercase)
            case .string(let text): return hex(Array(text.utf8), uppercase: uppercase)
            case .bytes(let bytes): return hex(bytes, uppercase: uppercase)
            default: throw failure("only ints, uints, bytes, and strings can be formatted as hex")
            }
        default:
            throw .format("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
        }
    }

    /// The `%s` rendering; nil for values that have none.
    static func plainText(_ argument: FormatArgument) -> String? {
        switch argument {
        case .string(let text), .type(let text), .timestamp(let text): return text
        case .int(let value): return String(value)
        case .uint(let value): return String(value)
        case .double(let value): return special(value) ?? GoFloatFormatting.shortest(value)
        case .bool(let value): return value ? "true" : "false"
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .null: return "null"
        case .duration(let nanoseconds):
            // Go's Duration.Seconds(): whole seconds plus the fraction, as one double.
            let seconds = Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
            return GoFloatFormatting.shortest(seconds) + "s"
        case .list(let elements):
            var parts: [String] = []
            for element in elements {
                guard let text = plainText(element) else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let entries):
            var rendered: [(key: String, value: String)] = []
            for entry in entries {
                guard let key = plainText(entry.key), let value = plainText(entry.value) else { return nil }
                rendered.append((key, value))
            }
            // Sorted by the printed key, so output does not depend on map order.
            let sorted = rendered.enumerated().sorted { lhs, rhs in
                lhs.element.key == rhs.element.key ? lhs.offset < rhs.offset
                    : lhs.element.key.utf8.lexicographicallyPrecedes(rhs.element.key.utf8)
            }
            return "{" + sorted.map { "\($0.element.key): \($0.element.value)" }.joined(separator: ", ") + "}"
        case .other:
            return nil
        }
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    /// Go prints negative numbers in any base as a minus sign and the magnitude.
    private static func signed(_ value: Int64, radix: Int, uppercase: Bool = false) -> String {
        (value < 0 ? "-" : "") + String(value.magnitude, radix: radix, uppercase: uppercase)
    }

    private static func hex(_ bytes: [UInt8], uppercase: Bool) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: uppercase)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
