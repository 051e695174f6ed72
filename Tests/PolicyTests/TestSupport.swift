import Foundation
@testable import Policy
import Rendering
import YAMLTree

enum TestPaths {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let binary = packageRoot + "/.build/debug/shipshape"
}

/// The first document of YAML text as a rendered node, with origins in `file`.
func node(_ text: String, file: String = "test.yaml") -> Node {
    let parsed = YAMLParser.parse(Array(text.utf8), path: file)
    return parsed.documents.first?.root.map { Node(yaml: $0) } ?? .null
}

/// A one-rule catalog from the body of a rule file; `header` fields are filled in.
func compiledRule(_ body: String, id: String = "demo-rule") throws -> CompiledRule {
    let text = """
        apiVersion: shipshape.dev/v1alpha1
        kind: Rule
        id: \(id)
        severity: error
        category: demo
        description: Demo.
        rationale: Demo.

        """ + body
    let rules = try PolicyCatalog.rules(parsing: text, path: "demo/\(id).yaml")
    guard let rule = rules.first else { throw CommandFailure(description: "no rule parsed") }
    return try CompiledRule(rule)
}

/// Evaluates a rule on one object with an empty context.
func findings(_ rule: CompiledRule, on object: Node, context: PolicyContext = PolicyContext(), params: [Node?] = []) -> [PolicyFinding] {
    let subject = PolicySubject(object: object)
    guard rule.matches(subject) else { return [] }
    return rule.evaluate(subject, context: context, params: rule.rule.paramsValue(params))
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// Runs a process; returns its exit status, standard output and standard error.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// A temporary directory removed by `remove()`.
struct Scratch {
    let root = NSTemporaryDirectory() + "policy-\(UUID().uuidString)"

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
