/// A CEL type, both as the checker sees it (parameterised) and as a runtime type value
/// (where only the outer name matters: `type([1]) == type(['a'])`).
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case dyn
    case null
    case bool
    case int
    case uint
    case double
    case string
    case bytes
    case duration
    case timestamp
    case list(CELType)
    case map(CELType, CELType)
    case type(CELType)
    case optional(CELType)
    /// A type parameter of a generic overload, such as `T` in `list(T).size()`.
    case parameter(String)
    /// Extension types (`kubernetes.Quantity`, ...) and other named types with parameters.
    case opaque(String, [CELType])
    case error

    /// The name a runtime type value carries; `type(x) == list` compares these.
    public var name: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .duration: return "google.protobuf.Duration"
        case .timestamp: return "google.protobuf.Timestamp"
        case .list: return "list"
        case .map: return "map"
        case .type: return "type"
        case .optional: return "optional_type"
        case .parameter(let name): return name
        case .opaque(let name, _): return name
        case .error: return "*error*"
        }
    }

    /// The checker's spelling, as in cel-spec's `deduced_type`: `list(int)`, `map(string, dyn)`.
    public var description: String {
        switch self {
        case .list(let element): return "list(\(element))"
        case .map(let key, let value): return "map(\(key), \(value))"
        case .type(let t): return "type(\(t))"
        case .optional(let t): return "optional_type(\(t))"
        case .opaque(let name, let parameters) where !parameters.isEmpty:
            return "\(name)(\(parameters.map(\.description).joined(separator: ", ")))"
        default: return name
        }
    }

    /// Names that denote types when used as identifiers in expressions.
    static let denotations: [String: CELType] = [
        "bool": .bool, "int": .int, "uint": .uint, "double": .double, "string": .string,
        "bytes": .bytes, "null_type": .null, "list": .list(.dyn), "map": .map(.dyn, .dyn),
        "type": .type(.dyn), "optional_type": .optional(.dyn),
        "google.protobuf.Duration": .duration, "google.protobuf.Timestamp": .timestamp,
    ]

    /// Parses the checker spelling (`list(int)`, `map(string, dyn)`, `A` for a type parameter
    /// when listed in `parameters`).
    public init?(parsing text: String, parameters: Set<String> = []) {
        var parser = TypeTextParser(text: Array(text.unicodeScalars), parameters: parameters)
        guard let type = parser.parse(), parser.atEnd else { return nil }
        self = type
    }
}

private struct TypeTextParser {
    let text: [Unicode.Scalar]
    let parameters: Set<String>
    var index = 0
    var depth = 0

    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return index == text.count
        }
    }

    mutating func skipSpaces() {
        while index < text.count, text[index] == " " { index += 1 }
    }

    mutating func parse() -> CELType? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 50 else { return nil }
        skipSpaces()
        var name = ""
        while index < text.count, text[index].isIdentifierContinue || text[index] == "." {
            name.unicodeScalars.append(text[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        var arguments: [CELType] = []
        skipSpaces()
        if index < text.count, text[index] == "(" {
            index += 1
            while true {
                guard let argument = parse() else { return nil }
                arguments.append(argument)
                skipSpaces()
                guard index < text.count else { return nil }
                if text[index] == ")" {
                    index += 1
                    break
                }
                guard text[index] == "," else { return nil }
                index += 1
            }
        }
        switch (name, arguments.count) {
        case ("list", 1): return .list(arguments[0])
        case ("map", 2): return .map(arguments[0], arguments[1])
        case ("type", 1): return .type(arguments[0])
        case ("optional_type", 1): return .optional(arguments[0])
        case ("null", 0): return .null
        case ("dyn", 0): return .dyn
        case ("any", 0), ("google.protobuf.Any", 0): return .dyn
        case (_, 0):
            if parameters.contains(name) { return .parameter(name) }
            if let known = CELType.denotations[name] { return known }
            return .opaque(name, [])
        default:
            return .opaque(name, arguments)
        }
    }
}
