import Lint
import Policy
import SourceTree

/// The rule catalog on one repository's rendered clusters: rule evaluations per second and the
/// time to evaluate the whole catalog, against the full lint time.
enum PolicyBench {
    static func run(repository: String, label: String) throws {
        let run = try Linter.lint(try SourceTree.workingDirectory(at: repository))
        let catalog = PolicyCatalog.bundled
        // One evaluation = one rule's validations on one matching object.
        var evaluations = 0
        for cluster in run.rendered.clusters {
            for unit in cluster.units {
                for resource in unit.resources.resources {
                    evaluations += catalog.candidates(group: resource.gvk.group, kind: resource.kind).count
                }
            }
        }
        var best = Double.infinity
        var findings = 0
        for _ in 0..<5 {
            let start = Bench.now()
            findings = ClusterEvaluation.run(catalog, on: run.rendered.clusters).count
            best = min(best, Bench.now() - start)
        }
        print("  \(label.padded(40)) \(catalog.rules.count) rules, \(evaluations) rule evaluations, \(findings) findings;"
              + " catalog \(String(format1: best * 1000)) ms, \(Int(Double(evaluations) / max(best, 1e-9))) evaluations/s")
    }
}
