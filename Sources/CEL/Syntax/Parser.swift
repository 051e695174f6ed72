/// Recursive-descent parser for the CEL grammar (cel-spec `langdef.md`), expanding macros as
/// calls are built. Nesting is bounded so hostile input fails with an error, not a crash.
struct Parser {
    struct Options {
        var expandsMacros = true
        /// Maximum height of the expression tree and of the parser's own recursion.
        var maximumDepth = 250
    }

    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    private var nextID: Int64 = 1
    let options: Options

    init(tokens: [Token], options: Options) {
        self.tokens = tokens
        self.options = options
    }

    static func parse(_ source: String, options: Options = Options()) throws(CELError) -> CEL.Expr {
        var parser = Parser(tokens: try Lexer.tokenize(source), options: options)
        let expr = try parser.expression()
        guard parser.current.kind == .endOfInput else {
            throw CELError(.syntax, "unexpected \(parser.current.kind.display)", at: parser.current.position)
        }
        return expr
    }

    // MARK: Token helpers

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private func lookahead(_ n: Int) -> Token { tokens[min(index + n, tokens.count - 1)] }

    private mutating func consume(_ punctuation: String) -> Bool {
        if current.isPunctuation(punctuation) {
            index += 1
            return true
        }
        return false
    }

    private mutating func expect(_ punctuation: String) throws(CELError) {
        guard consume(punctuation) else {
            throw CELError(.syntax, "expected '\(punctuation)' but found \(current.kind.display)", at: current.position)
        }
    }

    mutating func makeExpr(_ kind: CEL.Expr.Kind, at position: SourcePosition) throws(CELError) -> CEL.Expr {
        let expr = CEL.Expr(id: nextID, position: position, kind: kind)
        nextID += 1
        guard expr.height <= options.maximumDepth else {
            throw CELError(.limit, "expression nesting exceeds the limit of \(options.maximumDepth)", at: position)
        }
        return expr
    }

    mutating func call(_ function: String, _ arguments: [CEL.Expr], target: CEL.Expr? = nil, at position: SourcePosition) throws(CELError) -> CEL.Expr {
        try makeExpr(.call(function: function, target: target, arguments: arguments), at: position)
    }

    private mutating func enter() throws(CELError) {
        depth += 1
        if depth > options.maximumDepth {
            throw CELError(.limit, "expression nesting exceeds the limit of \(options.maximumDepth)", at: current.position)
        }
    }

    // MARK: Grammar

    mutating func expression() throws(CELError) -> CEL.Expr {
        try enter()
        defer { depth -= 1 }
        let condition = try logical("||", next: { p throws(CELError) in try p.logical("&&", next: { q throws(CELError) in try q.relation() }) })
        guard current.isPunctuation("?") else { return condition }
        let position = current.position
        index += 1
        let whenTrue = try logical("||", next: { p throws(CELError) in try p.logical("&&", next: { q throws(CELError) in try q.relation() }) })
        try expect(":")
        let whenFalse = try expression()
        return try call("_?_:_", [condition, whenTrue, whenFalse], at: position)
    }

    /// `||` and `&&` chains become balanced trees so long chains stay shallow.
    private mutating func logical(_ op: String, next: (inout Parser) throws(CELError) -> CEL.Expr) throws(CELError) -> CEL.Expr {
        var terms = [try next(&self)]
        var positions: [SourcePosition] = []
        while current.isPunctuation(op) {
            positions.append(current.position)
            index += 1
            terms.append(try next(&self))
        }
        return try balance(terms[...], positions[...], function: "_\(op)_")
    }

    private mutating func balance(_ terms: ArraySlice<CEL.Expr>, _ positions: ArraySlice<SourcePosition>, function: String) throws(CELError) -> CEL.Expr {
        if terms.count == 1, let only = terms.first { return only }
        let middle = terms.startIndex + terms.count / 2
        let operatorIndex = positions.startIndex + (middle - terms.startIndex) - 1
        let left = try balance(terms[terms.startIndex..<middle], positions[positions.startIndex..<operatorIndex], function: function)
        let right = try balance(terms[middle...], positions[(operatorIndex + 1)...], function: function)
        return try call(function, [left, right], at: positions[operatorIndex])
    }

    private static let relations: [String: String] = [
        "<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_", "==": "_==_", "!=": "_!=_",
    ]

    private mutating func relation() throws(CELError) -> CEL.Expr {
        var lhs = try addition()
        while true {
            let position = current.position
            if case .punctuation(let p) = current.kind, let function = Self.relations[p] {
                index += 1
                lhs = try call(function, [lhs, try addition()], at: position)
            } else if current.kind == .identifier("in") {
                index += 1
                lhs = try call("@in", [lhs, try addition()], at: position)
            } else {
                return lhs
            }
        }
    }

    private mutating func addition() throws(CELError) -> CEL.Expr {
        var lhs = try multiplication()
        while current.isPunctuation("+") || current.isPunctuation("-") {
            let position = current.position
            let function = current.isPunctuation("+") ? "_+_" : "_-_"
            index += 1
            lhs = try call(function, [lhs, try multiplication()], at: position)
        }
        return lhs
    }

    private mutating func multiplication() throws(CELError) -> CEL.Expr {
        var lhs = try unary()
        while true {
            let position = current.position
            let function: String
            if current.isPunctuation("*") { function = "_*_" }
            else if current.isPunctuation("/") { function = "_/_" }
            else if current.isPunctuation("%") { function = "_%_" }
            else { return lhs }
            index += 1
            lhs = try call(function, [lhs, try unary()], at: position)
        }
    }

    private mutating func unary() throws(CELError) -> CEL.Expr {
        let position = current.position
        if current.isPunctuation("!") {
            var count = 0
            while consume("!") { count += 1 }
            let operand = try member()
            return count % 2 == 0 ? operand : try call("!_", [operand], at: position)
        }
        if current.isPunctuation("-") {
            var count = 0
            while consume("-") { count += 1 }
            // A minus directly before a number literal is part of the literal.
            if let literal = try negativeLiteral(odd: count % 2 == 1) {
                return try postfix(literal)
            }
            let operand = try member()
            return count % 2 == 0 ? operand : try call("-_", [operand], at: position)
        }
        return try member()
    }

    private mutating func negativeLiteral(odd: Bool) throws(CELError) -> CEL.Expr? {
        let token = current
        let value: CEL.Value
        switch token.kind {
        case .int(let magnitude):
            if odd {
                guard magnitude <= UInt64(Int64.max) + 1 else {
                    throw CELError(.syntax, "integer literal out of range", at: token.position)
                }
                value = .int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
            } else {
                guard magnitude <= UInt64(Int64.max) else {
                    throw CELError(.syntax, "integer literal out of range", at: token.position)
                }
                value = .int(Int64(magnitude))
            }
        case .double(let d): value = .double(odd ? -d : d)
        default: return nil
        }
        index += 1
        return try makeExpr(.literal(value), at: token.position)
    }

    private mutating func member() throws(CELError) -> CEL.Expr {
        try postfix(try primary())
    }

    private mutating func postfix(_ start: CEL.Expr) throws(CELError) -> CEL.Expr {
        var operand = start
        while true {
            let position = current.position
            if consume(".") {
                let optional = consume("?")
                let field = try selectorName()
                if !optional && current.isPunctuation("(") {
                    index += 1
                    let arguments = try expressionList(closing: ")")
                    operand = try callOrMacro(field, target: operand, arguments: arguments, at: position)
                } else {
                    operand = try makeExpr(.select(operand: operand, field: field, testOnly: false, optional: optional), at: position)
                }
            } else if consume("[") {
                let optional = consume("?")
                let subscriptExpr = try expression()
                try expect("]")
                operand = try call(optional ? "_[?_]" : "_[_]", [operand, subscriptExpr], at: position)
            } else {
                return operand
            }
        }
    }

    /// Field and receiver-function names may be reserved words, or back-quoted after a dot.
    private mutating func selectorName() throws(CELError) -> String {
        switch current.kind {
        case .identifier(let name):
            index += 1
            return name
        case .quotedIdentifier(let name):
            index += 1
            return name
        default:
            throw CELError(.syntax, "expected a field name but found \(current.kind.display)", at: current.position)
        }
    }

    private mutating func primary() throws(CELError) -> CEL.Expr {
        try enter()
        defer { depth -= 1 }
        let token = current
        let position = token.position
        switch token.kind {
        case .int(let magnitude):
            index += 1
            guard magnitude <= UInt64(Int64.max) else {
                throw CELError(.syntax, "integer literal out of range", at: position)
            }
            return try makeExpr(.literal(.int(Int64(magnitude))), at: position)
        case .uint(let value):
            index += 1
            return try makeExpr(.literal(.uint(value)), at: position)
        case .double(let value):
            index += 1
            return try makeExpr(.literal(.double(value)), at: position)
        case .string(let value):
            index += 1
            return try makeExpr(.literal(.string(value)), at: position)
        case .bytes(let value):
            index += 1
            return try makeExpr(.literal(.bytes(value)), at: position)
        case .identifier, .punctuation("."):
            return try identifierPrimary()
        case .punctuation("("):
            index += 1
            let inner = try expression()
            try expect(")")
            return inner
        case .punctuation("["):
            index += 1
            return try listLiteral(at: position)
        case .punctuation("{"):
            index += 1
            return try mapLiteral(at: position)
        default:
            throw CELError(.syntax, "unexpected \(token.kind.display)", at: position)
        }
    }

    private mutating func identifierPrimary() throws(CELError) -> CEL.Expr {
        let position = current.position
        let leadingDot = consume(".")
        guard case .identifier(let name) = current.kind else {
            throw CELError(.syntax, "expected an identifier but found \(current.kind.display)", at: current.position)
        }
        index += 1
        switch name {
        case "true" where !leadingDot: return try makeExpr(.literal(.bool(true)), at: position)
        case "false" where !leadingDot: return try makeExpr(.literal(.bool(false)), at: position)
        case "null" where !leadingDot: return try makeExpr(.literal(.null), at: position)
        default: break
        }
        if Keywords.reserved.contains(name) || ["in", "true", "false", "null"].contains(name) {
            throw CELError(.syntax, "reserved identifier '\(name)'", at: position)
        }
        let qualified = leadingDot ? "." + name : name
        if consume("(") {
            let arguments = try expressionList(closing: ")")
            return try callOrMacro(qualified, target: nil, arguments: arguments, at: position)
        }
        let expr = try makeExpr(.identifier(qualified), at: position)
        // `a.b.C{...}` names a message type: collect the dotted name only if a brace follows it.
        var lookaheadIndex = 0
        var names = [qualified]
        while lookahead(lookaheadIndex).isPunctuation("."), case .identifier(let part) = lookahead(lookaheadIndex + 1).kind {
            names.append(part)
            lookaheadIndex += 2
        }
        if lookahead(lookaheadIndex).isPunctuation("{") {
            index += lookaheadIndex + 1
            return try messageLiteral(typeName: names.joined(separator: "."), at: position)
        }
        return expr
    }

    private mutating func expressionList(closing: String) throws(CELError) -> [CEL.Expr] {
        var items: [CEL.Expr] = []
        if consume(closing) { return items }
        while true {
            items.append(try expression())
            if consume(closing) { return items }
            try expect(",")
        }
    }

    private mutating func listLiteral(at position: SourcePosition) throws(CELError) -> CEL.Expr {
        var elements: [CEL.Expr] = []
        var optionalIndices: Set<Int> = []
        while !consume("]") {
            if consume("?") { optionalIndices.insert(elements.count) }
            elements.append(try expression())
            if !consume(",") {
                try expect("]")
                break
            }
        }
        return try makeExpr(.list(elements: elements, optionalIndices: optionalIndices), at: position)
    }

    private mutating func mapLiteral(at position: SourcePosition) throws(CELError) -> CEL.Expr {
        var entries: [CEL.Expr.MapEntry] = []
        while !consume("}") {
            let optional = consume("?")
            let key = try expression()
            try expect(":")
            let value = try expression()
            entries.append(CEL.Expr.MapEntry(key: key, value: value, isOptional: optional))
            if !consume(",") {
                try expect("}")
                break
            }
        }
        return try makeExpr(.map(entries: entries), at: position)
    }

    private mutating func messageLiteral(typeName: String, at position: SourcePosition) throws(CELError) -> CEL.Expr {
        var fields: [CEL.Expr.FieldEntry] = []
        while !consume("}") {
            let optional = consume("?")
            let field = try selectorName()
            try expect(":")
            let value = try expression()
            fields.append(CEL.Expr.FieldEntry(field: field, value: value, isOptional: optional))
            if !consume(",") {
                try expect("}")
                break
            }
        }
        return try makeExpr(.message(typeName: typeName, fields: fields), at: position)
    }

    private mutating func callOrMacro(_ function: String, target: CEL.Expr?, arguments: [CEL.Expr], at position: SourcePosition) throws(CELError) -> CEL.Expr {
        if options.expandsMacros, let expanded = try Macros.expand(function, target: target, arguments: arguments, at: position, parser: &self) {
            return expanded
        }
        if target == nil, Keywords.reserved.contains(function) {
            throw CELError(.syntax, "reserved identifier '\(function)'", at: position)
        }
        return try call(function, arguments, target: target, at: position)
    }
}

extension Token.Kind {
    var display: String {
        switch self {
        case .int(let v): return "integer \(v)"
        case .uint(let v): return "unsigned integer \(v)u"
        case .double(let v): return "number \(v)"
        case .string: return "string literal"
        case .bytes: return "bytes literal"
        case .identifier(let name): return "'\(name)'"
        case .quotedIdentifier(let name): return "`\(name)`"
        case .punctuation(let p): return "'\(p)'"
        case .endOfInput: return "end of input"
        }
    }
}
