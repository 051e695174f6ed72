import Foundation

/// `<string>.format(list)`: printf-style clauses `%s %d %f %e %b %o %x %X` with optional
/// precision (`%.3f`), following the cel-spec strings extension.
enum StringFormatting {
    typealias Value = CEL.Value

    struct Failure: Error {
        var message: String
    }

    static func register(in env: inout CEL.Environment) {
        env.addMethod("format", on: .string, parameters: [.list(.dyn)], result: .string) { a in
            guard case .string(let template) = a[0], case .list(let arguments) = a[1] else { return .noSuchOverload("format", a) }
            do throws(Failure) {
                return .string(try format(template, arguments))
            } catch {
                return .error(error.message)
            }
        }
    }

    static func format(_ template: String, _ arguments: [Value]) throws(Failure) -> String {
        var output = ""
        var scalars = Substring(template).unicodeScalars[...]
        var next = 0
        while let c = scalars.popFirst() {
            guard c == "%" else {
                output.unicodeScalars.append(c)
                continue
            }
            if scalars.first == "%" {
                scalars.removeFirst()
                output += "%"
                continue
            }
            var precision: Int?
            if scalars.first == "." {
                scalars.removeFirst()
                var digits = ""
                while let d = scalars.first, d.isASCIIDigit {
                    digits.unicodeScalars.append(d)
                    scalars.removeFirst()
                }
                guard let p = Int(digits), p <= 100 else { throw Failure(message: "could not parse formatting clause: invalid precision") }
                precision = p
            }
            guard let verb = scalars.popFirst() else {
                throw Failure(message: "could not parse formatting clause: missing formatting verb")
            }
            guard next < arguments.count else {
                throw Failure(message: "index \(next) out of range")
            }
            let argument = arguments[next]
            next += 1
            output += try clause(verb, precision: precision, argument)
        }
        return output
    }

    private static func clause(_ verb: Unicode.Scalar, precision: Int?, _ value: Value) throws(Failure) -> String {
        switch verb {
        case "s":
            return try text(value, depth: 0)
        case "d":
            switch value {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d) where !d.isFinite: return special(d)
            default: throw Failure(message: "error during formatting: decimal clause can only be used on integers, was given \(value.runtimeType.name)")
            }
        case "f", "e":
            let d: Double
            switch value {
            case .double(let x): d = x
            case .int(let i): d = Double(i)
            case .uint(let u): d = Double(u)
            default:
                let name = verb == "f" ? "fixed-point" : "scientific"
                throw Failure(message: "error during formatting: \(name) clause can only be used on doubles, was given \(value.runtimeType.name)")
            }
            if !d.isFinite { return special(d) }
            return String(format: "%.\(precision ?? 6)\(verb)", d)
        case "b":
            switch value {
            case .int(let i): return i < 0 ? "-" + String(i.magnitude, radix: 2) : String(i, radix: 2)
            case .uint(let u): return String(u, radix: 2)
            case .bool(let b): return b ? "1" : "0"
            default: throw Failure(message: "error during formatting: only integers and bools can be formatted as binary, was given \(value.runtimeType.name)")
            }
        case "o":
            switch value {
            case .int(let i): return i < 0 ? "-" + String(i.magnitude, radix: 8) : String(i, radix: 8)
            case .uint(let u): return String(u, radix: 8)
            default: throw Failure(message: "error during formatting: octal clause can only be used on integers, was given \(value.runtimeType.name)")
            }
        case "x", "X":
            let upper = verb == "X"
            let hex: String
            switch value {
            case .int(let i): hex = i < 0 ? "-" + String(i.magnitude, radix: 16) : String(i, radix: 16)
            case .uint(let u): hex = String(u, radix: 16)
            case .string(let s): hex = s.utf8.map { String(format: "%02x", $0) }.joined()
            case .bytes(let b): hex = b.map { String(format: "%02x", $0) }.joined()
            default: throw Failure(message: "error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given \(value.runtimeType.name)")
            }
            return upper ? hex.uppercased() : hex
        default:
            throw Failure(message: "could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
        }
    }

    private static func special(_ d: Double) -> String {
        d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")
    }

    /// The `%s` rendering: strings bare, containers with their elements rendered the same
    /// way, map entries sorted by rendered key.
    static func text(_ value: Value, depth: Int) throws(Failure) -> String {
        guard depth < 100 else { throw Failure(message: "error during formatting: value nested too deeply") }
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return d.isFinite ? Conversions.formatDouble(d) : special(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .type(let t): return t.name
        case .timestamp(let t): return t.text
        case .duration(let d): return d.text
        case .list(let items):
            var parts: [String] = []
            for item in items { parts.append(try text(item, depth: depth + 1)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let map):
            var parts: [(String, String)] = []
            for entry in map.entries {
                parts.append((try text(entry.key, depth: depth + 1), try text(entry.value, depth: depth + 1)))
            }
            parts.sort { $0.0 < $1.0 }
            return "{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .opaque(let o): return o.description
        default:
            throw Failure(message: "error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given \(value.runtimeType.name)")
        }
    }
}
