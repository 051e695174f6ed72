import Foundation
@testable import CEL

/// One case of `../shared/conformance/cel/cases/*.json` and how to run it.
struct ConformanceCase {
    enum Outcome {
        case passed
        case failed(String)
        case skipped(String)
    }

    let file: String
    let name: String
    let raw: [String: Any]

    var expression: String { raw["expr"] as? String ?? "" }
    var expectation: [String: Any] { raw["expect"] as? [String: Any] ?? [:] }
    private func flag(_ key: String) -> Bool { raw[key] as? Bool ?? false }

    static func load(directory: URL) throws -> [String: [ConformanceCase]] {
        var result: [String: [ConformanceCase]] = [:]
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        for url in files {
            let stem = url.deletingPathExtension().lastPathComponent
            let list = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
            result[stem] = list.map { ConformanceCase(file: stem, name: "\($0["section"] as? String ?? "")/\($0["name"] as? String ?? "")", raw: $0) }
        }
        return result
    }

    /// The environment for this case: the full library, its container and declared variables.
    func environment(base: CEL.Environment) -> CEL.Environment {
        var env = base
        env.container = raw["container"] as? String ?? ""
        for declaration in raw["type_env"] as? [[String: Any]] ?? [] {
            guard let name = declaration["name"] as? String else { continue }
            if declaration["kind"] as? String == "ident" {
                env.declare(variable: name, type: CELType(parsing: declaration["type"] as? String ?? "dyn") ?? .dyn)
                continue
            }
            // Declared functions only matter to the checker; they have no implementation.
            let typeParameters = Self.typeParameters(in: declaration["text"] as? String ?? "")
            var overloads: [CEL.Overload] = []
            for overload in declaration["overloads"] as? [[String: Any]] ?? [] {
                let parameters = (overload["params"] as? [String] ?? []).map { CELType(parsing: $0, parameters: typeParameters) ?? .dyn }
                let result = CELType(parsing: overload["result"] as? String ?? "dyn", parameters: typeParameters) ?? .dyn
                overloads.append(CEL.Overload(overload["overload_id"] as? String ?? name, receiverStyle: overload["receiver_style"] as? Bool ?? false,
                                              parameters: parameters, result: result, typeParameters: typeParameters) { _ in .error("no implementation") })
            }
            env.add(function: name, overloads)
        }
        return env
    }

    /// Names declared as `type_param: "T"` in a declaration's text proto.
    static func typeParameters(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: "type_param: \"") {
            rest = rest[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") {
                names.insert(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return names
    }

    func run(base: CEL.Environment) -> Outcome {
        if flag("needs_proto") { return .skipped("needs protobuf") }
        if expectation["unknown"] != nil || expectation["any_of"] != nil { return .skipped("unknown expectations") }
        let env = environment(base: base)
        let deducedType = expectation["deduced_type"] as? String
        // SHIPSHAPE_CEL_CHECK_ALL=1 type-checks every case that upstream checks, to measure
        // how often the checker wrongly rejects valid expressions.
        let checkAll = ProcessInfo.processInfo.environment["SHIPSHAPE_CEL_CHECK_ALL"] == "1"
        let checks = !flag("disable_check") && (checkAll || flag("check_only") || deducedType != nil)
        let program: CEL.Program
        do {
            program = try CEL.Program.compile(expression, environment: env,
                                              options: CEL.CompileOptions(disablesMacros: flag("disable_macros"), checks: checks))
        } catch {
            return expectation["error"] != nil ? .passed : .failed("compile: \(error)")
        }
        if let deducedType, checks {
            let actual = program.resultType?.description ?? "none"
            guard actual == deducedType else { return .failed("deduced \(actual), expected \(deducedType)") }
        }
        if flag("check_only") { return .passed }

        var bindings: [String: CEL.Value] = [:]
        for (name, json) in raw["bindings"] as? [String: Any] ?? [:] {
            do {
                bindings[name] = try CEL.Value(typedJSON: json)
            } catch {
                return .skipped("binding \(name): \(error)")
            }
        }
        let result = program.evaluate(bindings)
        if expectation["error"] != nil {
            if case .error = result { return .passed }
            return .failed("expected an error, got \(result.typedJSONText)")
        }
        guard let expectedJSON = expectation["value"] else { return .skipped("no expectation") }
        let expected: CEL.Value
        do {
            expected = try CEL.Value(typedJSON: expectedJSON)
        } catch {
            return .skipped("expected value: \(error)")
        }
        return Self.matches(result, expected) ? .passed : .failed("got \(result.typedJSONText), expected \(expected.typedJSONText)")
    }

    /// Strict comparison: same types (int never equals uint or double), NaN equals NaN,
    /// maps compared regardless of order.
    static func matches(_ actual: CEL.Value, _ expected: CEL.Value) -> Bool {
        switch (actual, expected) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return (a.isNaN && b.isNaN) || a == b
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.type(let a), .type(let b)): return a.name == b.name
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            return b.entries.allSatisfy { entry in
                guard let value = a.entries.first(where: { matches($0.key, entry.key) })?.value else { return false }
                return matches(value, entry.value)
            }
        default: return false
        }
    }
}
