import Foundation
import Testing
import YAMLTree
@testable import Rendering

/// kustomize's expected outputs are a fixpoint of its own writer: reading one back and writing it
/// again must give the same bytes. This checks the writer against every output case.
@Suite struct OutputConformanceTests {
    /// Cases whose expected text is not a fixpoint, each with the reason. Keep this empty unless
    /// the reason is outside the writer.
    static let knownDifferences: [String: String] = [:]

    static var casesDirectory: URL { ConformanceCase.casesDirectory() }

    /// `expected.yaml` of every case with `kind: output`, by case name.
    static func outputCases() -> [(name: String, expected: Data)] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: casesDirectory.path) else { return [] }
        return names.sorted().compactMap { name in
            let dir = casesDirectory.appendingPathComponent(name)
            guard let meta = try? Data(contentsOf: dir.appendingPathComponent("case.json")),
                  let json = try? JSONSerialization.jsonObject(with: meta) as? [String: Any],
                  json["kind"] as? String == "output",
                  let expected = try? Data(contentsOf: dir.appendingPathComponent("expected.yaml")) else { return nil }
            return (name, expected)
        }
    }

    static func reparsed(_ expected: Data, name: String) -> [Node] {
        let file = YAMLParser.parse(Array(expected), path: name)
        return file.documents.compactMap { $0.root.map(Node.init(yaml:)) }
    }

    @Test func expectedOutputsAreFixpointsOfTheWriter() throws {
        let cases = Self.outputCases()
        try #require(!cases.isEmpty, "no conformance cases under \(Self.casesDirectory.path)")
        var passed = 0
        var failures: [String] = []
        for (name, expected) in cases {
            let text = String(decoding: expected, as: UTF8.self)
            let actual: String
            do {
                actual = try KustomizeYAML.stream(Self.reparsed(expected, name: name))
            } catch {
                failures.append("\(name): \(error)")
                continue
            }
            if actual == text {
                passed += 1
            } else if Self.knownDifferences[name] == nil {
                failures.append("\(name):\n" + Self.firstDifference(actual, text))
            }
        }
        print("KustomizeYAML round trip: \(passed)/\(cases.count) output cases byte-identical")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(failures.isEmpty)
        #expect(passed >= cases.count - Self.knownDifferences.count)
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let al = i < a.count ? String(a[i]) : "<end>"
            let el = i < e.count ? String(e[i]) : "<end>"
            if al != el { return "    line \(i + 1)\n    got:      \(al)\n    expected: \(el)" }
        }
        return "    (same lines, different bytes)"
    }
}
