import CEL
import Diagnostics
import Foundation
@testable import Policy
import Rendering
import Testing

@Suite("Rule evaluation")
struct RuleEvaluationTests {
    static let configMap = node("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
          labels: {team: web}
        data:
          mode: fast
        """, file: "apps/settings.yaml")

    static let examples = """
        examples:
          valid: [{description: x, object: {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}}]
          invalid: [{description: y, object: {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}}]
        """

    static func rule(_ validations: String, match: String = "{apiGroups: [\"\"], kinds: [ConfigMap]}", extra: String = "") throws -> CompiledRule {
        try compiledRule("match: \(match)\n\(extra)validations:\n\(validations)\n\(examples)")
    }

    @Test func messagesComeFromMessageExpressionThenMessageThenTheRule() throws {
        let rule = try Self.rule("""
              - expression: "false"
                messageExpression: "'mode is ' + object.data.mode"
                message: static text
                fieldPath: data.mode
              - expression: "false"
                messageExpression: "''"
                message: empty expression falls back
              - expression: "false"
                messageExpression: "object.data.missing"
                message: failing expression falls back
              - expression: "false"
            """)
        let found = findings(rule, on: Self.configMap)
        #expect(found.map(\.message) == ["mode is fast", "empty expression falls back", "failing expression falls back",
                                        "the object fails rule demo-rule (false)"])
        #expect(found.allSatisfy { $0.kind == .violation && $0.severity == .error && $0.rule == "demo-rule" })
        #expect(found.first?.origin == Origin(file: "apps/settings.yaml", line: 8, column: 9))
        #expect(found.last?.origin?.line == 1)
    }

    @Test func trueValidationsPassAndVariablesReadEarlierOnes() throws {
        let rule = try Self.rule("""
              - expression: variables.shout == 'FAST!'
                message: wrong
            """, extra: """
            variables:
              - name: mode
                expression: object.data.mode
              - name: shout
                expression: variables.mode.upperAscii() + '!'

            """)
        #expect(findings(rule, on: Self.configMap).isEmpty)
    }

    @Test func evaluationErrorsAreFindingsNotPasses() throws {
        let rule = try Self.rule("""
              - expression: object.data.absent == 'x'
              - expression: "1"
              - expression: variables.broken > 0
              - expression: variables.broken > 1
            """, extra: "variables:\n  - name: broken\n    expression: 1 / 0\n")
        let found = findings(rule, on: Self.configMap)
        #expect(found.count == 3, "the two errors of one variable are one finding: \(found.map(\.message))")
        #expect(found.allSatisfy { $0.kind == .evaluationError && $0.severity == .warning && $0.rule == "demo-rule" })
        #expect(found.map(\.message) == ["rule demo-rule could not be evaluated: no such key: 'absent'",
                                        "rule demo-rule could not be evaluated: the expression returned int, not bool",
                                        "rule demo-rule could not be evaluated: divide by zero"])
    }

    @Test func runawayExpressionsStopAtTheCostLimit() throws {
        let rule = try Self.rule("""
              - expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f > 0))))))"
            """)
        let start = Date()
        let found = findings(rule, on: Self.configMap)
        #expect(found.count == 1)
        #expect(found.first?.kind == .evaluationError)
        #expect(found.first?.message.contains("cost limit") == true)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func secretValuesCannotReachMessages() throws {
        let rule = try Self.rule("""
              - expression: "false"
                messageExpression: "'password: ' + string(object.data.password)"
                message: the Secret fails
            """, match: "{apiGroups: [\"\"], kinds: [Secret]}")
        let secret = node("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter2}\n")
        let found = findings(rule, on: secret)
        #expect(found.map(\.message) == ["the Secret fails"])
    }

    @Test func paramsMergeOneKeyDeepOverTheDefaults() throws {
        let rule = try Self.rule("""
              - expression: params.minimum <= 2 && params.registries == ['ghcr.io/'] && params.extra.a == 1 && !has(params.extra.b)
                messageExpression: "'params: ' + string(params.minimum)"
            """, extra: "params:\n  minimum: 1\n  registries: [docker.io/, ghcr.io/]\n  extra: {a: 0, b: 0}\n")
        let overrides = node("registries: [ghcr.io/]\nextra: {a: 1}\nminimum:\n")
        #expect(findings(rule, on: Self.configMap, params: [overrides]).isEmpty)
        #expect(findings(rule, on: Self.configMap).count == 1, "the defaults alone fail the validation")
        let later = node("minimum: 5\n")
        #expect(findings(rule, on: Self.configMap, params: [overrides, later]).map(\.message) == ["params: 5"])
        #expect(rule.rule.undocumentedParams(in: node("minimum: 1\nmaximum: 2\n")) == ["maximum"])
    }

    @Test func crossObjectVariablesAreBoundOnlyForRulesThatNeedThem() throws {
        let context = PolicyContext(namespaceObjects: .list([CEL.Value(node: Self.configMap)]), namespaces: .list([.string("shop")]))
        let without = try Self.rule("  - expression: size(namespaceObjects) == 1\n")
        #expect(findings(without, on: Self.configMap, context: context).first?.kind == .evaluationError)
        let with = try Self.rule("  - expression: size(namespaceObjects) == 1 && namespaces == ['shop']\n",
                                 extra: "needs: [namespaceObjects, namespaces]\n")
        #expect(findings(with, on: Self.configMap, context: context).isEmpty)
        // A cluster-scoped object has no namespace and no namespace objects.
        let namespace = node("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
        let clusterScoped = try Self.rule("  - expression: namespaceObjects == [] && namespaceObject == null\n",
                                          match: "{apiGroups: [\"\"], kinds: [Namespace]}", extra: "needs: [namespaceObjects]\n")
        #expect(findings(clusterScoped, on: namespace, context: PolicyContext(namespaceObject: .string("x"), namespaceObjects: .list([.int(1)]))).isEmpty)
    }

    @Test func matchSelectsByNamespaceLabelsUnitsAndClusters() throws {
        func matches(_ match: String, unit: String? = nil, cluster: String? = nil) throws -> Bool {
            try Self.rule("  - expression: 'true'\n", match: match).matches(PolicySubject(object: Self.configMap, unit: unit, cluster: cluster))
        }
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap]}"))
        #expect(try !matches("{apiGroups: [apps], kinds: [ConfigMap]}"))
        #expect(try matches("{apiGroups: [\"*\"], kinds: [\"*\"]}"))
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap], namespaces: [\"sh*\"]}"))
        #expect(try !matches("{apiGroups: [\"\"], kinds: [ConfigMap], excludeNamespaces: [shop]}"))
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap], labelSelector: {matchLabels: {team: web}}}"))
        #expect(try !matches("{apiGroups: [\"\"], kinds: [ConfigMap], labelSelector: {matchExpressions: [{key: team, operator: NotIn, values: [web]}]}}"))
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap], units: [apps]}", unit: "flux-system/apps"))
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap], units: [\"flux-system/*\"]}", unit: "flux-system/apps"))
        #expect(try !matches("{apiGroups: [\"\"], kinds: [ConfigMap], units: [infra]}", unit: "flux-system/apps"))
        #expect(try !matches("{apiGroups: [\"\"], kinds: [ConfigMap], clusters: [prod]}"))
        #expect(try matches("{apiGroups: [\"\"], kinds: [ConfigMap], clusters: [\"prod*\"]}", cluster: "production"))
    }

    @Test func examplesRunWithTheirOwnContext() throws {
        let rule = try #require(PolicyCatalog.bundled.rule("pdb-for-replicated"))
        for example in rule.rule.invalidExamples {
            #expect(rule.evaluate(example).contains { $0.kind == .violation })
        }
        for example in rule.rule.validExamples {
            #expect(rule.evaluate(example).isEmpty)
        }
    }
}
