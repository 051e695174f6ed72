import Foundation
import Testing

/// The declarative rule files in rules/: schema, naming and example coverage, through
/// scripts/check-rules.py (python3 with jsonschema and PyYAML). Evaluating the examples is the
/// CEL engine's job and lives with it.
@Suite("Rule catalog files")
struct RuleCatalogFilesTests {
    struct Report: Decodable {
        var rules: [Entry]
        var problems: [String]
    }

    struct Entry: Decodable {
        var id: String
        var severity: String
        var category: String
        var description: String
        var file: String
        var valid: Int
        var invalid: Int
    }

    static let rulesDirectory = TestPaths.packageRoot + "/rules"

    static func check(_ directory: String) throws -> Report {
        let script = TestPaths.packageRoot + "/scripts/check-rules.py"
        let output = try run(python, pythonArguments + [script, "--rules", directory, "--format", "json"], status: nil)
        return try JSONDecoder().decode(Report.self, from: Data(output.utf8))
    }

    /// Rule files found by walking the directory here, independently of the script.
    static func ruleFiles(in directory: String) -> [String] {
        let files = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
        return files.filter { $0.hasSuffix(".yaml") && $0 != "charts.yaml" }.sorted()
    }

    @Test func catalogHasNoProblems() throws {
        let report = try Self.check(Self.rulesDirectory)
        #expect(report.problems == [])
        #expect(report.rules.count >= 34)
    }

    @Test func idsAreUniqueAndNameTheirFiles() throws {
        let report = try Self.check(Self.rulesDirectory)
        let files = Self.ruleFiles(in: Self.rulesDirectory)
        #expect(report.rules.count == files.count)
        #expect(Set(report.rules.map(\.id)).count == report.rules.count)
        let expected = Set(files.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "") })
        #expect(Set(report.rules.map(\.id)) == expected)
        for entry in report.rules {
            #expect(entry.file == "\(entry.category)/\(entry.id).yaml")
        }
    }

    @Test func everyRuleHasValidAndInvalidExamples() throws {
        let report = try Self.check(Self.rulesDirectory)
        for entry in report.rules {
            #expect(entry.valid >= 1, "\(entry.id) has no valid example")
            #expect(entry.invalid >= 1, "\(entry.id) has no invalid example")
        }
    }

    @Test func everyCategoryOfTheIssueIsCovered() throws {
        let report = try Self.check(Self.rulesDirectory)
        let categories = Set(report.rules.map(\.category))
        #expect(categories == ["resources", "gpu", "images", "workloads", "flux", "argocd"])
        #expect(Set(report.rules.map(\.severity)).isSubset(of: ["error", "warning", "info"]))
        #expect(report.rules.allSatisfy { !$0.description.contains("\n") && $0.description.count <= 120 })
    }

    // The checker itself: each broken file must be reported, or the tests above prove nothing.

    static let sound = """
        apiVersion: shipshape.dev/v1alpha1
        kind: Rule
        id: ID
        severity: warning
        category: demo
        description: Pods name a service account.
        rationale: Explained.
        match: {apiGroups: [""], kinds: [Pod]}
        params: {name: default}
        validations:
          - expression: has(object.spec.serviceAccountName) && object.spec.serviceAccountName != params.name
            message: no service account
        examples:
          valid:
            - description: named
              object: {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {serviceAccountName: app}}
          invalid:
            - description: unnamed
              expectMessage: service account
              object: {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {}}

        """

    static let brokenRules: [(name: String, text: String, problem: String)] = [
        ("wrong-name", sound.replacingOccurrences(of: "id: ID", with: "id: other-name"),
         "does not match the file name"),
        ("bad-severity", sound.replacingOccurrences(of: "severity: warning", with: "severity: fatal"),
         "schema: severity"),
        ("no-invalid", sound.components(separatedBy: "  invalid:")[0],
         "schema: examples"),
        ("expect-in-valid", sound.replacingOccurrences(of: "    - description: named\n",
                                                       with: "    - description: named\n      expectMessage: x\n"),
         "schema: examples/valid/0"),
        ("two-lines", sound.replacingOccurrences(of: "Pods name a service account.", with: "\"one\\ntwo\""),
         "schema: description"),
        ("undeclared-need", sound.replacingOccurrences(of: "has(object.spec.serviceAccountName) &&",
                                                       with: "size(namespaceObjects) > 0 &&"),
         "needs does not list it"),
        ("undocumented-param", sound.replacingOccurrences(of: "params.name", with: "params.account"),
         "params.account is read but has no documented default"),
        ("unmatched-example", sound.replacingOccurrences(of: "kinds: [Pod]", with: "kinds: [Deployment]"),
         "kind 'Pod' is not matched"),
        ("duplicate-key", sound.replacingOccurrences(of: "severity: warning", with: "severity: warning\nseverity: info"),
         "duplicate key"),
        ("wrong-category", sound.replacingOccurrences(of: "category: demo", with: "category: flux"),
         "is not the directory name"),
    ]

    @Test(arguments: brokenRules.map(\.name))
    func brokenRuleIsReported(_ name: String) throws {
        let broken = try #require(Self.brokenRules.first { $0.name == name })
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("demo/\(name).yaml", broken.text.replacingOccurrences(of: "id: ID", with: "id: \(name)"))
        let report = try Self.check(scratch.root)
        #expect(report.problems.contains { $0.contains(broken.problem) }, "\(report.problems)")
    }

    @Test func soundRuleAndDuplicateIds() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("demo/sound.yaml", Self.sound.replacingOccurrences(of: "id: ID", with: "id: sound"))
        #expect(try Self.check(scratch.root).problems == [])
        try scratch.write("other/sound.yaml", Self.sound.replacingOccurrences(of: "id: ID", with: "id: sound")
            .replacingOccurrences(of: "category: demo", with: "category: other"))
        let report = try Self.check(scratch.root)
        #expect(report.problems.contains { $0.contains("id 'sound' is also used by") })
    }
}
