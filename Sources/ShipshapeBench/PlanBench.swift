import Clusters
import Executor
import Foundation
import Graph
import KubeClient
import KubeDouble
import Lint
import Plan
import Rendering
import SourceTree

/// Plan time on a repository, and apply throughput against the loopback API double.
enum PlanBench {
    /// Lint (render + graph) and the plan built from it, best of 3.
    static func plan(repository: String, label: String) throws {
        var best = Double.infinity
        var objects = 0
        for _ in 0..<3 {
            let start = Bench.now()
            let tree = try SourceTree.workingDirectory(at: repository)
            let run = try Linter.lint(tree)
            let source = PlanSource(requestedRevision: nil, commit: tree.commit, treeHash: try TreeHash.compute(tree))
            let plan = PlanBuilder.build(clusters: run.rendered.clusters, graphs: run.graphs, source: source)
            _ = plan.fileText()
            best = min(best, Bench.now() - start)
            objects = plan.allObjects.count
        }
        print("  \(label.padded(40)) plan: \(objects) objects in \(String(format1: best * 1000)) ms (render, graph, plan, JSON)")
    }

    /// A synthetic repository of `units` Kustomizations with `perUnit` ConfigMaps each, planned
    /// offline and applied to the double: objects per second, first apply and re-apply.
    static func apply(units: Int = 20, perUnit: Int = 50) throws {
        let root = NSTemporaryDirectory() + "shipshape-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("clusters/bench/flux-system/gotk-sync.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: flux-system, namespace: flux-system}
            spec: {path: ./clusters/bench, sourceRef: {kind: GitRepository, name: flux-system}}
            """)
        var declarations: [String] = []
        for unit in 0..<units {
            declarations.append("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: app-\(unit), namespace: flux-system}
                spec: {path: ./apps/app-\(unit), prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                """)
            for index in 0..<perUnit {
                try write("apps/app-\(unit)/cm-\(index).yaml",
                          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-\(unit)-\(index), namespace: default}\ndata: {index: \"\(index)\"}\n")
            }
        }
        try write("clusters/bench/apps.yaml", declarations.joined(separator: "\n---\n"))
        let tree = try SourceTree.workingDirectory(at: root)
        let files = TreeFileSystem(tree: tree)
        let clusters = Discovery(fileSystem: files).renderRepository(ClusterRoots.find(in: files))
        let plan = PlanBuilder.build(clusters: clusters, graphs: clusters.map { GraphBuilder.build($0) },
                                     source: PlanSource(requestedRevision: nil, commit: nil, treeHash: try TreeHash.compute(tree)))
        let double = KubeAPIDouble()
        let url = try double.start()
        defer { double.stop() }
        let api = KubeAPI(target: KubeTarget(server: url.absoluteString, contextName: "bench"))
        for (name, pass) in [("first apply", 1), ("re-apply (unchanged)", 2)] {
            let start = Bench.now()
            let report = Executor.apply(plan: plan, to: .cluster(api))
            let elapsed = Bench.now() - start
            let count = report.applied.count
            print("  apply to the API double, \(name): \(count) objects in \(String(format1: elapsed * 1000)) ms,"
                  + " \(Int(Double(count) / max(elapsed, 1e-9))) objects/s\(report.succeeded ? "" : " (FAILED: \(report.summaryLine))")")
            _ = pass
        }
    }
}
