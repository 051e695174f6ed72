import Foundation

extension CEL {
    /// A CEL runtime value. Errors and unknowns are values too, so they can flow through
    /// `&&`, `||` and the ternary and be absorbed where CEL's semantics say so.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case list([Value])
        case map(MapValue)
        case type(CELType)
        case duration(Duration)
        case timestamp(Timestamp)
        /// `nil` is `optional.none()`.
        indirect case optional(Value?)
        case error(EvaluationError)
        /// Ids of the expressions whose inputs were unknown.
        case unknown(Set<Int64>)
        /// Values contributed by extension libraries (quantities, IPs, URLs, ...).
        case opaque(any CELOpaqueValue)
    }
}

/// An extension value type: it names its CEL type and defines equality and, if it has an
/// order, comparison. Everything else is done by the functions registered for it.
public protocol CELOpaqueValue: Sendable {
    /// The CEL type name, such as `kubernetes.Quantity` or `net.IP`.
    var typeName: String { get }
    func isEqual(to other: any CELOpaqueValue) -> Bool
    /// Negative, zero or positive; `nil` when the values are not ordered.
    func compare(to other: any CELOpaqueValue) -> Int?
    /// Text used by `string()` and diagnostics.
    var description: String { get }
}

extension CELOpaqueValue {
    public func compare(to other: any CELOpaqueValue) -> Int? { nil }
}

extension CEL {
    /// A runtime failure: no matching overload, division by zero, missing key, overflow...
    public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        /// The expression that failed, when known.
        public var expressionID: Int64?

        public init(_ message: String, expressionID: Int64? = nil) {
            self.message = message
            self.expressionID = expressionID
        }

        public var description: String { message }

        static func noSuchOverload(_ function: String, _ arguments: [Value]) -> EvaluationError {
            let types = arguments.map(\.runtimeType.name).joined(separator: ", ")
            return EvaluationError("no such overload: \(function)(\(types))")
        }
        static let divideByZero = EvaluationError("divide by zero")
        static let moduloByZero = EvaluationError("modulus by zero")
        static let overflow = EvaluationError("integer overflow")
    }
}

extension CEL.Value {
    static func error(_ message: String) -> CEL.Value { .error(CEL.EvaluationError(message)) }

    static func noSuchOverload(_ function: String, _ arguments: [CEL.Value]) -> CEL.Value {
        .error(.noSuchOverload(function, arguments))
    }

    /// True for errors and unknowns, which strict functions pass through untouched.
    var isErrorOrUnknown: Bool {
        switch self {
        case .error, .unknown: return true
        default: return false
        }
    }

    /// The type of the value as `type()` reports it (unparameterised for containers).
    public var runtimeType: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list(.dyn)
        case .map: return .map(.dyn, .dyn)
        case .type: return .type(.dyn)
        case .duration: return .duration
        case .timestamp: return .timestamp
        case .optional: return .optional(.dyn)
        case .error: return .error
        case .unknown: return .dyn
        case .opaque(let o): return .opaque(o.typeName, [])
        }
    }

    /// Whether the value is its type's zero value (for `optional.ofNonZeroValue`).
    var isZeroValue: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .duration(let d): return d == .zero
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .optional(let o): return o == nil
        default: return false
        }
    }
}
