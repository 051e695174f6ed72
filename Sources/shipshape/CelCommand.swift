import ArgumentParser
import CEL
import Foundation
import Policy
import Rendering
import YAMLTree

struct CelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Work with CEL expressions as rules see them.",
        subcommands: [CelEvalCommand.self]
    )
}

enum CelOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `shipshape cel eval`: one expression in the rules' environment, for rule authors.
struct CelEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a CEL expression in the environment of the rules.",
        discussion: """
        Variables: `object` and `podSpec` come from --object; `oldObject`, `unit` and \
        `namespaceObject` are null, `params` and `variables` empty maps, `namespaceObjects` and \
        `namespaces` empty lists, unless --var sets them.
        --var values are typed-value JSON ({"int":"5"}, {"uint":"5"}, {"double":1.5}, \
        {"list":[...]}, {"map":[[k,v],...]}...) or plain JSON (numbers without a fraction are ints).
        With --format json the result is {"value": V} in typed-value JSON, or {"error": "..."}, \
        and the exit status is 0 either way; with text, an error exits 1.
        """
    )

    @Argument(help: "The CEL expression.")
    var expression: String

    @Option(help: "A YAML or JSON file whose first document is bound to `object` (and its pod spec to `podSpec`).")
    var object: String?

    @Option(name: .customLong("var"), help: "Bind a variable: NAME=VALUE, VALUE as typed-value or plain JSON (repeatable).")
    var variables: [String] = []

    @Flag(help: "Parse without expanding macros (has, all, exists, exists_one, map, filter).")
    var disableMacros = false

    @Option(help: "Output format: text or json.")
    var format: CelOutputFormat = .text

    func validate() throws {
        for variable in variables {
            guard let equals = variable.firstIndex(of: "="), equals != variable.startIndex else {
                throw ValidationError("--var takes NAME=VALUE, got \"\(variable)\"")
            }
        }
    }

    func run() throws {
        var bindings: [String: CEL.Value] = [
            "object": .null, "oldObject": .null, "podSpec": .null, "unit": .null, "namespaceObject": .null,
            "params": .map(CEL.MapValue()), "variables": .map(CEL.MapValue()),
            "namespaceObjects": .list([]), "namespaces": .list([]),
        ]
        if let object {
            let subject = PolicySubject(object: try Self.firstDocument(of: object))
            bindings["object"] = subject.value
            bindings["podSpec"] = subject.podSpec
        }
        var environment = PolicyEnvironment.make()
        for variable in variables {
            let parts = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            bindings[parts[0]] = try Self.value(parsing: parts[1], for: parts[0])
            environment.declare(variable: parts[0])
        }

        let result: CEL.Value
        do {
            let program = try CEL.Program.compile(expression, environment: environment,
                                                  options: CEL.CompileOptions(disablesMacros: disableMacros))
            result = program.evaluateWithCost(bindings).value
        } catch {
            report(failure: error.description, at: error.position)
            return
        }
        if case .error(let failure) = result {
            report(failure: failure.message, at: nil)
            return
        }
        switch format {
        case .json: print(Self.json(["value": result.typedJSON]))
        case .text: print(result.literalText)
        }
    }

    private func report(failure message: String, at position: SourcePosition?) {
        switch format {
        case .json:
            print(Self.json(["error": message]))
        case .text:
            var text = "error: \(message)"
            if let position {
                let line = expression.split(separator: "\n", omittingEmptySubsequences: false)
                    .dropFirst(position.line - 1).first.map(String.init) ?? ""
                text += "\n  \(line)\n  " + String(repeating: " ", count: max(0, position.column - 1)) + "^"
            }
            printError(text)
            Foundation.exit(1)
        }
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"error":"the result cannot be written as JSON"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Typed-value JSON first (`{"int":"5"}`), then plain JSON.
    static func value(parsing text: String, for name: String) throws -> CEL.Value {
        if let typed = try? CEL.Value(typedJSONText: text) { return typed }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw ValidationError("--var \(name): the value is neither typed-value JSON nor plain JSON")
        }
        let value = CEL.Value(native: json)
        if case .error(let failure) = value { throw ValidationError("--var \(name): \(failure.message)") }
        return value
    }

    static func firstDocument(of path: String) throws -> Node {
        let file = YAMLParser.parse(try readFile(path), path: path)
        if let problem = file.diagnostics.first(where: { $0.severity == .error }) {
            throw ValidationError("\(path):\(problem.location.line):\(problem.location.column): \(problem.message)")
        }
        guard let root = file.documents.first?.root else { throw ValidationError("\(path) holds no YAML document") }
        let node = Node(yaml: root)
        guard node.isMapping else { throw ValidationError("\(path): the first document is not a mapping") }
        return node
    }
}
