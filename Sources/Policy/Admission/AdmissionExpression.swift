import CEL
import Rendering

/// One CEL expression of a policy, compiled the way the API server compiles it when the
/// policy is created: Kubernetes' environment with type checks, so a policy the API server
/// would refuse is refused here too.
struct AdmissionExpression: Sendable {
    let source: String
    let program: CEL.Program
    /// Where the expression is written, for findings that point at the policy.
    let origin: Origin?
    /// Whether it reads `authorizer`, which only a live API server can answer.
    let readsAuthorizer: Bool
    /// `variables.NAME` it reads.
    let variablesRead: Set<String>

    /// What a policy's expressions may read. `authorizer` is declared so that policies using
    /// it compile; those expressions are then left out of evaluation.
    static let environment: CEL.Environment = {
        var environment = CEL.Environment.kubernetes
        for name in ["object", "oldObject", "request", "params", "namespaceObject", "variables", "authorizer"] {
            environment.declare(variable: name)
        }
        return environment
    }()

    /// Runtime cost allowed for all expressions of one policy on one request, the API server's
    /// `RuntimeCELCostBudget`; each expression is also held to the environment's per-call limit.
    static let costBudget = 10_000_000

    /// `what` names the expression in errors ("validation 2"); `result` is the type it must
    /// produce when the checker can tell (dyn always passes, as at the API server; nil: any).
    init(_ node: Node?, what: String, result: CELType?) throws(AdmissionConfigurationError) {
        guard let node, let text = node.text, text.contains(where: { !$0.isWhitespace }) else {
            throw AdmissionConfigurationError("\(what) has no expression", at: node?.origin)
        }
        do {
            program = try CEL.Program.compile(text, environment: Self.environment, options: CEL.CompileOptions(checks: true))
        } catch {
            // The authorizer library is not part of this environment, so the checker refuses
            // its calls; such an expression is never evaluated, and parsing it is enough.
            guard let parsed = try? CEL.Program.compile(text, environment: Self.environment),
                  Self.references(in: parsed.expression).authorizer else {
                throw AdmissionConfigurationError("\(what) does not compile: \(error.message)", at: node.origin)
            }
            program = parsed
        }
        if let result, let type = program.resultType, type != .dyn, type != result {
            throw AdmissionConfigurationError("\(what) must evaluate to \(result), not \(type)", at: node.origin)
        }
        source = text
        origin = node.origin
        (readsAuthorizer, variablesRead) = Self.references(in: program.expression)
    }

    /// Walks the tree with an explicit stack: parse depth is bounded, but nothing here needs
    /// to recurse at all.
    private static func references(in root: CEL.Expr) -> (authorizer: Bool, variables: Set<String>) {
        var readsAuthorizer = false
        var variables = Set<String>()
        var pending = [root]
        while let expr = pending.popLast() {
            switch expr.kind {
            case .literal:
                break
            case .identifier(let name):
                if name == "authorizer" { readsAuthorizer = true }
            case .select(let operand, let field, _, _):
                if case .identifier("variables") = operand.kind { variables.insert(field) }
                pending.append(operand)
            case .call(let function, let target, let arguments):
                // `variables['name']` reads the same variable as `variables.name`.
                if function == "_[_]" || function == "_[?_]", arguments.count == 2, case .identifier("variables") = arguments[0].kind,
                   case .literal(.string(let name)) = arguments[1].kind {
                    variables.insert(name)
                }
                if let target { pending.append(target) }
                pending.append(contentsOf: arguments)
            case .list(let elements, _):
                pending.append(contentsOf: elements)
            case .map(let entries):
                for entry in entries { pending.append(contentsOf: [entry.key, entry.value]) }
            case .message(_, let fields):
                pending.append(contentsOf: fields.map(\.value))
            case .comprehension(let loop):
                pending.append(contentsOf: [loop.range, loop.initial, loop.condition, loop.step, loop.result])
            }
        }
        return (readsAuthorizer, variables)
    }
}
