import Diagnostics
import Foundation
import Lint
import Reports
import SourceTree
import Testing

/// Every corpus repository lints without crashing, and its JSON and SARIF reports are valid.
struct CorpusTests {
    @Test(arguments: TestPaths.corpusRepositories)
    func lintsAndProducesValidReports(_ name: String) throws {
        let lint = try Linter.lint(try SourceTree.workingDirectory(at: TestPaths.corpus + "/" + name))
        #expect(lint.summary.files > 0)
        let report = lint.report()
        let json = Data(JSONReport().render(report).utf8)
        let parsed = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let summary = try #require(parsed["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == lint.summary.files)
        #expect((parsed["diagnostics"] as? [Any])?.count == lint.diagnostics.count)

        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("report.sarif", SARIFReport().render(report))
        try scratch.write("report.json", JSONReport().render(report))
        try run(python, pythonArguments + ["-c",
            "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
            scratch.path("report.json"), TestPaths.packageRoot + "/schemas/lint-report.schema.json"])
        let schema = TestPaths.shared + "/schemas/sarif/sarif-schema-2.1.0.json"
        try run(python, pythonArguments + ["-c",
            "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
            scratch.path("report.sarif"), schema])
    }

    @Test func corpusRepositoriesArePresent() {
        #expect(TestPaths.corpusRepositories.count >= 11, "expected ../shared/corpus beside the package")
    }
}
