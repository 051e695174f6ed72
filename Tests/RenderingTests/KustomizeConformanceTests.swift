import Foundation
import Testing
import SourceTree
@testable import Rendering

/// Runs kustomize's own krusty cases (`../shared/conformance/kustomize`, or the directory in
/// SHIPSHAPE_KUSTOMIZE_CASES): output cases compare byte for byte, error cases by `error_match`.
@Suite struct KustomizeConformanceTests {
    @Test func conformance() throws {
        let directory = ConformanceCase.casesDirectory()
        let cases = try ConformanceCase.all(in: directory)
        try #require(!cases.isEmpty, "no cases in \(directory)")
        var results: [ConformanceResult] = []
        for testCase in cases { results.append(testCase.run()) }

        let report = ConformanceReport(results: results)
        print(report.text)
        let filter = ProcessInfo.processInfo.environment["SHIPSHAPE_KUSTOMIZE_FILTER"]
        if filter == nil {
            #expect(report.rate(kind: "output") >= 0.95, "output cases: \(report.summary(kind: "output"))")
            #expect(report.rate(kind: "error") >= 0.90, "error cases: \(report.summary(kind: "error"))")
        }
    }
}

struct ConformanceCase {
    let name: String
    let directory: URL
    let metadata: [String: Any]

    var kind: String { metadata["kind"] as? String ?? "output" }
    var area: String { metadata["feature_area"] as? String ?? "?" }
    var options: [String: Any] { metadata["options"] as? [String: Any] ?? [:] }

    static func casesDirectory() -> URL {
        if let custom = ProcessInfo.processInfo.environment["SHIPSHAPE_KUSTOMIZE_CASES"] {
            return URL(fileURLWithPath: custom)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.deletingLastPathComponent().appendingPathComponent("shared/conformance/kustomize/cases")
    }

    static func all(in directory: URL) throws -> [ConformanceCase] {
        let filter = ProcessInfo.processInfo.environment["SHIPSHAPE_KUSTOMIZE_FILTER"]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.compactMap { name in
            if let filter, !name.contains(filter) { return nil }
            let caseDirectory = directory.appendingPathComponent(name)
            let data = try Data(contentsOf: caseDirectory.appendingPathComponent("case.json"))
            guard let metadata = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return ConformanceCase(name: name, directory: caseDirectory, metadata: metadata)
        }
    }

    /// Cases whose extracted file system lacks what the original test wrote by other means.
    static let defective: [String: String] = [
        "TestIssue1251_Plugins_Bundled": "files/ lacks the ../base the build names (written by a Go helper the extractor did not follow)",
        "TestIssue1251_Plugins_Local": "files/ lacks the ../base the build names (written by a Go helper the extractor did not follow)",
        "TestIssue1251_Plugins_ProdVsDev--1": "files/ lacks the ../base the build names (written by a Go helper the extractor did not follow)",
        "TestIssue1251_Plugins_ProdVsDev--2": "files/ lacks the ../base the build names (written by a Go helper the extractor did not follow)",
    ]

    func run() -> ConformanceResult {
        if let reason = ConformanceCase.defective[name] { return result(.skipped, reason) }
        let files = directory.appendingPathComponent("files").path
        let tree: SourceTree
        do {
            tree = try SourceTree.workingDirectory(at: files)
        } catch {
            return result(.skipped, "cannot read files/: \(error)")
        }
        var buildOptions = BuildOptions()
        switch options["reorder"] as? String {
        case "legacy": buildOptions.reorder = .legacy
        case "none": buildOptions.reorder = Reorder.none
        default: buildOptions.reorder = nil
        }
        buildOptions.loadRestriction = options["loadRestrictor"] as? String == "LoadRestrictionsNone" ? .none : .rootOnly
        buildOptions.addManagedByLabel = options["addManagedByLabel"] as? Bool == true
        if let version = options["managedByLabelVersion"] as? String { buildOptions.managedByVersion = version }
        let buildDirectory = (metadata["build_dir"] as? String).map { $0 == "." ? "" : $0 } ?? ""
        let kustomizer = Kustomizer(fileSystem: TreeFileSystem(tree: tree), options: buildOptions)
        let output: Result<String, RenderError> = Result { () throws(RenderError) -> String in
            let map = try kustomizer.build(directory: buildDirectory)
            return try KustomizeYAML.stream(map.resources.map(\.node))
        }
        return kind == "error" ? judgeError(output) : judgeOutput(output)
    }

    private func judgeOutput(_ output: Result<String, RenderError>) -> ConformanceResult {
        let expected = (try? String(contentsOf: directory.appendingPathComponent("expected.yaml"), encoding: .utf8)) ?? ""
        switch output {
        case .failure(let error):
            return result(.failed, "build failed: \(error.description.prefix(300))")
        case .success(let actual) where actual == expected:
            return result(.passed, "")
        case .success(let actual):
            return result(.failed, ConformanceCase.firstDifference(actual, expected))
        }
    }

    private func judgeError(_ output: Result<String, RenderError>) -> ConformanceResult {
        let expected = ((try? String(contentsOf: directory.appendingPathComponent("expected-error.txt"), encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard case .failure(let error) = output else { return result(.failed, "build succeeded; expected an error") }
        let message = error.message
        switch metadata["error_match"] as? String {
        case "substring":
            return message.contains(expected) ? result(.passed, "") : result(.failed, "error text lacks '\(expected)': \(message.prefix(300))")
        case "exact":
            return message == expected ? result(.passed, "") : result(.failed, "error text '\(message.prefix(300))' != '\(expected)'")
        case "predicate":
            let holds: Bool
            switch expected {
            case "MalformedYAMLError": holds = message.contains("MalformedYAMLError")
            case "MissingKustomizationFileError": holds = error.kind == .missing && message.contains("unable to find one of")
            default: holds = false
            }
            return holds ? result(.passed, "") : result(.failed, "predicate \(expected) does not hold for: \(message.prefix(300))")
        default:
            return result(.passed, "")
        }
    }

    private func result(_ verdict: ConformanceResult.Verdict, _ reason: String) -> ConformanceResult {
        ConformanceResult(name: name, area: area, kind: kind, verdict: verdict, reason: reason)
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let left = i < a.count ? String(a[i]) : "<end>"
            let right = i < e.count ? String(e[i]) : "<end>"
            if left != right { return "line \(i + 1): got '\(left.prefix(120))', expected '\(right.prefix(120))'" }
        }
        return "differs"
    }
}

struct ConformanceResult {
    enum Verdict: String { case passed, failed, skipped }
    let name: String
    let area: String
    let kind: String
    let verdict: Verdict
    let reason: String
}

struct ConformanceReport {
    let results: [ConformanceResult]

    func rate(kind: String) -> Double {
        let relevant = results.filter { $0.kind == kind }
        guard !relevant.isEmpty else { return 1 }
        return Double(relevant.filter { $0.verdict == .passed }.count) / Double(relevant.count)
    }

    func summary(kind: String) -> String {
        let relevant = results.filter { $0.kind == kind }
        let passed = relevant.filter { $0.verdict == .passed }.count
        return "\(passed)/\(relevant.count) passed (\(String(format: "%.1f", rate(kind: kind) * 100))%)"
    }

    var text: String {
        var lines = ["kustomize conformance: output \(summary(kind: "output")), error \(summary(kind: "error"))", "",
                     "| area | passed | failed | skipped |", "|---|---:|---:|---:|"]
        let areas = Dictionary(grouping: results, by: \.area)
        for area in areas.keys.sorted() {
            let group = areas[area] ?? []
            func count(_ verdict: ConformanceResult.Verdict) -> Int { group.filter { $0.verdict == verdict }.count }
            lines.append("| \(area) | \(count(.passed)) | \(count(.failed)) | \(count(.skipped)) |")
        }
        lines.append("")
        for result in results where result.verdict != .passed {
            lines.append("\(result.verdict.rawValue.uppercased()) \(result.name) [\(result.kind), \(result.area)]: \(result.reason)")
        }
        return lines.joined(separator: "\n")
    }
}
