/// A var's value as kustomize reads it from the object (`GetFieldValue`): typed scalars keep
/// their type when a field is exactly `$(NAME)`; lists and maps are never substituted.
enum VarValue: Equatable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    /// A mapping or sequence: the reference is counted but left as written.
    case structured

    /// How Go's `%v` prints the value inside a longer string.
    var embeddedText: String? {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .float(let value): return VarNumberFormat.shortest(value)
        case .bool(let value): return value ? "true" : "false"
        case .structured: return nil
        }
    }

    /// The scalar a field holding only `$(NAME)` becomes.
    var wholeScalar: Scalar? {
        switch self {
        case .string(let text): return Scalar(text, tag: .string)
        case .int(let value): return Scalar(String(value), tag: .int)
        case .float(let value): return Scalar(VarNumberFormat.plain(value), tag: .float)
        case .bool(let value): return Scalar(value ? "true" : "false", tag: .bool)
        case .structured: return nil
        }
    }

    /// Reads a node as kyaml's `GetFieldValue` converts it; nil when kustomize fails to convert.
    init?(_ node: Node) {
        switch node.value {
        case .mapping, .sequence: self = .structured
        case .scalar(let scalar):
            switch scalar.tag {
            case .string: self = .string(scalar.text)
            case .int:
                // Go's Atoi: decimal only.
                guard let value = Int64(scalar.text) else { return nil }
                self = .int(value)
            case .float:
                guard let value = Double(scalar.text.replacing("_", with: "")) else { return nil }
                self = .float(value)
            case .bool:
                switch scalar.text {
                case "true", "True", "TRUE": self = .bool(true)
                case "false", "False", "FALSE": self = .bool(false)
                default: return nil
                }
            case .null: return nil
            }
        }
    }
}

/// `$(NAME)` expansion with kustomize's rules: `$$` is a literal `$`, an unknown name or an
/// unterminated `$(` stays as written, and a field that is exactly one reference takes the
/// value's type.
struct VarExpander {
    let values: [String: VarValue]
    /// How many times each known name was referenced (kustomize warns about unused vars).
    private(set) var counts: [String: Int] = [:]
    /// Names substituted by the last `expand` call, first one first.
    private(set) var lastUsed: [String] = []

    init(values: [String: VarValue]) {
        self.values = values
    }

    /// The expanded field: a string, or the referenced value's own type when the field is
    /// exactly one known reference.
    mutating func expand(_ input: String) -> Scalar {
        lastUsed = []
        let bytes = Array(input.utf8)
        var output: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            defer { cursor += 1 }
            guard bytes[cursor] == UInt8(ascii: "$"), cursor + 1 < bytes.count else { continue }
            output.append(contentsOf: bytes[checkpoint..<cursor])
            let next = bytes[cursor + 1]
            if next == UInt8(ascii: "$") {
                output.append(next)
                cursor += 1
            } else if next == UInt8(ascii: "("), let close = bytes[(cursor + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                let substitution = lookup(name)
                if cursor == 0, close == bytes.count - 1 {
                    return substitution?.whole ?? Scalar(input, tag: .string)
                }
                output.append(contentsOf: Array((substitution?.embedded ?? "$(\(name))").utf8))
                cursor = close
            } else {
                // A `$` that starts no reference (or a `$(` never closed) is kept with the next byte.
                output.append(contentsOf: [UInt8(ascii: "$"), next])
                cursor += 1
            }
            checkpoint = cursor + 1
        }
        output.append(contentsOf: bytes[min(checkpoint, bytes.count)...])
        return Scalar(String(decoding: output, as: UTF8.self), tag: .string)
    }

    /// What one reference becomes; nil leaves `$(name)` as written (unknown name, or a list or map value).
    private mutating func lookup(_ name: String) -> (whole: Scalar, embedded: String)? {
        guard let value = values[name] else { return nil }
        counts[name, default: 0] += 1
        guard let whole = value.wholeScalar, let embedded = value.embeddedText else { return nil }
        lastUsed.append(name)
        return (whole, embedded)
    }
}

/// Go's float formatting for the two places vars print numbers.
enum VarNumberFormat {
    /// `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        let (negative, digits, exponent) = decompose(value)
        var text: String
        if exponent < 0 {
            text = "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if exponent + 1 >= digits.count {
            text = digits + String(repeating: "0", count: exponent + 1 - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: exponent + 1)
            text = digits[..<split] + "." + digits[split...]
        }
        if negative { text = "-" + text }
        return text
    }

    /// `fmt.Sprintf("%v", v)`: shortest digits, exponent form below 1e-4 and from 1e6.
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        let (negative, digits, exponent) = decompose(value)
        guard exponent < -4 || exponent >= 6 else { return plain(value) }
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let magnitude = abs(exponent)
        let exponentText = (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        return (negative ? "-" : "") + mantissa + "e" + exponentText
    }

    /// Shortest round-trip decimal digits (no leading or trailing zeros) and the power of ten of the first digit.
    private static func decompose(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
        if value == 0 { return (value.sign == .minus, "0", 0) }
        let description = String(describing: abs(value))
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(pieces[0])
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = whole + fraction
        var exponent = whole.count - 1 + power
        while digits.hasPrefix("0"), digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
        return (value < 0, digits, exponent)
    }
}
