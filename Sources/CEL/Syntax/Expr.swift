extension CEL {
    /// A node of the parsed (and macro-expanded) expression tree.
    public struct Expr: Sendable {
        public var id: Int64
        public var position: SourcePosition
        public var kind: Kind
        /// Longest path to a leaf; bounds the recursion of every later pass.
        public private(set) var height: Int

        public indirect enum Kind: Sendable {
            case literal(Value)
            case identifier(String)
            /// `operand.field`; `testOnly` marks `has(operand.field)`, `optional` marks `operand.?field`.
            case select(operand: Expr, field: String, testOnly: Bool, optional: Bool)
            /// Operators are calls too, named like `_+_`, `_[_]`, `!_`, `_?_:_`, `@in`.
            case call(function: String, target: Expr?, arguments: [Expr])
            case list(elements: [Expr], optionalIndices: Set<Int>)
            case map(entries: [MapEntry])
            case message(typeName: String, fields: [FieldEntry])
            case comprehension(Comprehension)
        }

        public struct MapEntry: Sendable {
            public var key: Expr
            public var value: Expr
            public var isOptional: Bool
        }

        public struct FieldEntry: Sendable {
            public var field: String
            public var value: Expr
            public var isOptional: Bool
        }

        /// The single loop form every macro expands to.
        public struct Comprehension: Sendable {
            public var iterationVariable: String
            /// Set by the two-variable macros: the index (lists) or key (maps) goes in the first
            /// variable and the element or value in this one.
            public var secondIterationVariable: String?
            public var range: Expr
            public var accumulator: String
            public var initial: Expr
            public var condition: Expr
            public var step: Expr
            public var result: Expr
        }

        public init(id: Int64, position: SourcePosition, kind: Kind) {
            self.id = id
            self.position = position
            self.kind = kind
            self.height = 1 + kind.children.reduce(0) { max($0, $1.height) }
        }
    }
}

extension CEL.Expr.Kind {
    var children: [CEL.Expr] {
        switch self {
        case .literal, .identifier: return []
        case .select(let operand, _, _, _): return [operand]
        case .call(_, let target, let arguments): return (target.map { [$0] } ?? []) + arguments
        case .list(let elements, _): return elements
        case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
        case .message(_, let fields): return fields.map(\.value)
        case .comprehension(let c): return [c.range, c.initial, c.condition, c.step, c.result]
        }
    }
}

extension CEL.Expr {
    /// The dotted name this expression spells when it is only identifiers and selections
    /// (`a.b.c`), used for qualified variable, type and function names.
    var qualifiedName: String? {
        switch kind {
        case .identifier(let name): return name
        case .select(let operand, let field, false, false):
            return operand.qualifiedName.map { "\($0).\(field)" }
        default: return nil
        }
    }
}
