import Graph
import Lint
import SourceTree

/// The dependency graph and ordering checks per corpus repository, against the full lint time:
/// units, edges by kind, findings by ordering rule, and how long the graph stage takes.
enum GraphBench {
    static func run(repository: String, label: String) throws {
        var lintBest = Double.infinity
        var run: LintRun?
        for _ in 0..<3 {
            let start = Bench.now()
            let result = try Linter.lint(try SourceTree.workingDirectory(at: repository))
            lintBest = min(lintBest, Bench.now() - start)
            run = result
        }
        guard let run else { return }
        var graphBest = Double.infinity
        for _ in 0..<5 {
            let start = Bench.now()
            for cluster in run.rendered.clusters { _ = GraphChecks.run(GraphBuilder.build(cluster)) }
            graphBest = min(graphBest, Bench.now() - start)
        }
        var edges: [EdgeKind: Int] = [:]
        for graph in run.graphs { for edge in graph.edges { edges[edge.kind, default: 0] += 1 } }
        let units = run.graphs.reduce(0) { $0 + $1.units.count }
        let ordering = Set(["order-missing", "order-weak", "requirement-external", "depends-on-suspended", "argo-wave-inversion",
                            "argo-crd-later-wave", "object-multiple-owners", "file-unreached"])
        var findings: [String: Int] = [:]
        for diagnostic in run.diagnostics where ordering.contains(diagnostic.rule.rawValue) { findings[diagnostic.rule.rawValue, default: 0] += 1 }
        let edgeText = EdgeKind.allCases.map { "\($0.rawValue) \(edges[$0] ?? 0)" }.joined(separator: ", ")
        let findingText = findings.keys.sorted().map { "\($0) \(findings[$0] ?? 0)" }.joined(separator: ", ")
        print("  \(label.padded(40)) \(run.graphs.count) clusters, \(units) units; edges: \(edgeText); findings: \(findingText.isEmpty ? "none" : findingText)")
        print("  \("".padded(40)) graph + checks \(String(format1: graphBest * 1000)) ms of lint \(String(format1: lintBest * 1000)) ms (\(String(format1: graphBest / max(lintBest, 1e-9) * 100))%)")
    }
}
