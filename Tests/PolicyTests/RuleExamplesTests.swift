import Foundation
import Policy
import Testing

/// Every bundled rule's examples, one test case per rule: valid examples produce no finding and
/// no evaluation error; invalid ones at least one finding, containing `expectMessage` if given.
@Suite("Rule examples")
struct RuleExamplesTests {
    static let ids = PolicyCatalog.bundled.rules.map(\.id)

    /// What went wrong with one rule's examples; empty when they all hold.
    static func problems(of rule: CompiledRule) -> [String] {
        var problems: [String] = []
        for example in rule.rule.validExamples {
            let findings = rule.evaluate(example)
            if !findings.isEmpty {
                problems.append("valid example \"\(example.description)\" has findings: \(findings.map(\.message))")
            }
        }
        for example in rule.rule.invalidExamples {
            let findings = rule.evaluate(example)
            let violations = findings.filter { $0.kind == .violation }
            if violations.isEmpty {
                problems.append("invalid example \"\(example.description)\" has no finding: \(findings.map(\.message))")
            } else if let expected = example.expectMessage, !violations.contains(where: { $0.message.contains(expected) }) {
                problems.append("invalid example \"\(example.description)\": no message contains \"\(expected)\": \(violations.map(\.message))")
            }
        }
        return problems
    }

    @Test(arguments: ids)
    func examplesHold(_ id: String) throws {
        let rule = try #require(PolicyCatalog.bundled.rule(id))
        #expect(!rule.rule.validExamples.isEmpty && !rule.rule.invalidExamples.isEmpty)
        for problem in Self.problems(of: rule) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The harness itself must be able to fail: a rule whose validation is always false fails
    /// its valid example, one that is always true fails its invalid example.
    @Test func theHarnessDetectsBrokenRules() throws {
        let template = """
            apiVersion: shipshape.dev/v1alpha1
            kind: Rule
            id: broken
            severity: warning
            category: demo
            description: Demo.
            rationale: Demo.
            match: {apiGroups: [""], kinds: [ConfigMap]}
            validations:
              - expression: "EXPR"
                message: demo message
            examples:
              valid:
                - description: ok
                  object: {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
              invalid:
                - description: bad
                  expectMessage: demo
                  object: {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
            """
        for (expression, failing) in [("false", "valid example"), ("true", "invalid example"), ("object.nope", "valid example")] {
            let rules = try PolicyCatalog.rules(parsing: template.replacingOccurrences(of: "EXPR", with: expression), path: "demo.yaml")
            let problems = Self.problems(of: try CompiledRule(try #require(rules.first)))
            #expect(problems.contains { $0.hasPrefix(failing) }, "\(expression): \(problems)")
        }
    }
}
