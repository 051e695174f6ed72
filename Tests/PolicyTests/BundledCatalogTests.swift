import Diagnostics
import Foundation
@testable import Policy
import Testing

@Suite("Bundled catalog")
struct BundledCatalogTests {
    static let rulesDirectory = TestPaths.packageRoot + "/rules"

    /// `rules/**/*.yaml` except `charts.yaml`, repository-relative, read from disk.
    static func filesOnDisk() -> [String: String] {
        let listed = FileManager.default.enumerator(atPath: rulesDirectory)?.allObjects as? [String] ?? []
        var files: [String: String] = [:]
        for file in listed where file.hasSuffix(".yaml") && file != "charts.yaml" {
            files["rules/" + file] = (try? String(contentsOfFile: rulesDirectory + "/" + file, encoding: .utf8)) ?? ""
        }
        return files
    }

    @Test func embeddedRulesMatchTheFiles() {
        let embedded = Dictionary(BundledRules.files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        let disk = Self.filesOnDisk()
        #expect(embedded.count == BundledRules.files.count, "a path is embedded twice")
        #expect(Set(embedded.keys) == Set(disk.keys), "rules/ changed: run scripts/embed-rules.py")
        for (path, text) in disk where embedded[path] != text {
            Issue.record("\(path) differs from its embedded copy: run scripts/embed-rules.py")
        }
    }

    @Test func everyBundledRuleLoadsAndCompiles() {
        #expect(PolicyCatalog.bundledProblems.map(\.description) == [])
        #expect(PolicyCatalog.bundled.rules.count == BundledRules.files.count)
        #expect(PolicyCatalog.bundled.rules.count >= 30)
    }

    @Test func rulesAreRegisteredBesideTheBuiltInOnes() throws {
        let catalog = PolicyCatalog.bundled
        for compiled in catalog.rules {
            let descriptor = try #require(RuleID(compiled.id).descriptor, "\(compiled.id) is not registered")
            #expect(descriptor.defaultSeverity == compiled.rule.severity)
            #expect(descriptor.category == compiled.rule.category)
            #expect(descriptor.summary == compiled.rule.description)
            #expect(compiled.rule.origin?.file == "rules/\(compiled.rule.category)/\(compiled.id).yaml")
        }
        let all = Set(RuleCatalog.all.map(\.id.rawValue))
        #expect(all.isSuperset(of: catalog.rules.map(\.id)))
        #expect(all.contains("depends-on-missing"))
        #expect(RuleCatalog.all.count == Set(RuleCatalog.all.map(\.id)).count, "an id is listed twice")
    }

    @Test func registrationNeverReplacesBuiltInRules() {
        RuleCatalog.register([RuleDescriptor(id: "depends-on-missing", category: "x", defaultSeverity: .info, summary: "x", help: "x")])
        #expect(RuleID("depends-on-missing").descriptor?.category != "x")
    }

    @Test func rulesAreIndexedByGroupAndKind() {
        let catalog = PolicyCatalog.bundled
        let deployment = catalog.candidates(group: "apps", kind: "Deployment").map(\.id)
        #expect(deployment.contains("memory-limits"))
        #expect(deployment.contains("image-tag-not-latest"))
        #expect(!deployment.contains("flux-kustomization-prune"))
        #expect(deployment == deployment.sorted())
        #expect(catalog.candidates(group: "", kind: "ResourceQuota").map(\.id).contains("resourcequota-fits"))
        // A CRD that happens to be called Deployment is not a workload.
        #expect(!catalog.candidates(group: "example.com", kind: "Deployment").map(\.id).contains("memory-limits"))
        #expect(catalog.candidates(group: "apps", kind: "NoSuchKind").isEmpty)
        // `kinds: ["*"]` rules are indexed under their groups.
        #expect(catalog.candidates(group: "source.toolkit.fluxcd.io", kind: "Bucket").map(\.id).contains("flux-suspended"))
        #expect(!catalog.candidates(group: "source.toolkit.fluxcd.io", kind: "Bucket").map(\.id).contains("memory-limits"))
    }

    @Test func userDirectoriesLoadAndCannotRedefineBundledIds() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let rule = """
            apiVersion: shipshape.dev/v1alpha1
            kind: Rule
            id: team-label
            severity: info
            category: custom
            description: Workloads carry a team label.
            rationale: Ownership.
            match: {apiGroups: [apps], kinds: [Deployment]}
            validations:
              - expression: has(object.metadata.labels) && 'team' in object.metadata.labels
                message: no team label
            examples:
              valid: [{description: ok, object: {apiVersion: apps/v1, kind: Deployment, metadata: {name: a, labels: {team: x}}}}]
              invalid: [{description: bad, object: {apiVersion: apps/v1, kind: Deployment, metadata: {name: a}}}]
            """
        try scratch.write("custom/team-label.yaml", rule)
        try scratch.write("charts.yaml", "not: a rule\n")
        let user = try PolicyCatalog.load(directory: scratch.root)
        #expect(user.rules.map(\.id) == ["team-label"])
        let combined = try PolicyCatalog.bundled.adding(user)
        #expect(combined.rule("team-label") != nil && combined.rule("memory-limits") != nil)

        try scratch.write("custom/copy.yaml", rule.replacingOccurrences(of: "id: team-label", with: "id: memory-limits"))
        let copy = try PolicyCatalog.load(directory: scratch.root)
        #expect(throws: PolicyRuleError.self) { try PolicyCatalog.bundled.adding(copy) }
        #expect(throws: PolicyRuleError.self) { try PolicyCatalog.load(directory: scratch.root + "/missing") }
    }

    @Test func brokenRulesAreReportedWithTheirPosition() throws {
        let bad = """
            validations:
              - expression: "object.metadata.name ==="
            match: {kinds: [ConfigMap]}
            """
        do {
            _ = try compiledRule(bad)
            Issue.record("a validation that does not parse was accepted")
        } catch let error as PolicyRuleError {
            #expect(error.description.contains("demo/demo-rule.yaml:9:"))
            #expect(error.message.contains("does not compile"))
        }
        #expect(throws: PolicyRuleError.self) { try compiledRule("match: {kinds: [ConfigMap]}\n") }
        #expect(throws: PolicyRuleError.self) {
            try compiledRule("match: {kinds: [ConfigMap], labelSelector: {matchExpressions: [{key: a, operator: Gt}]}}\nvalidations: [{expression: 'true'}]\n")
        }
    }

    @Test func explanationsShowExamplesAsYAML() throws {
        let rule = try #require(PolicyCatalog.bundled.rule("memory-limits")).rule
        let text = rule.explanation
        #expect(text.hasPrefix("memory-limits (resources, default warning)"))
        #expect(text.contains(rule.description))
        #expect(text.contains("Invalid examples:"))
        #expect(text.contains("  kind: DaemonSet\n"))
        #expect(text.contains("expected message contains: node-exporter"))
    }
}
