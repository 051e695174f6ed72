import Foundation
import Testing

/// Pre-merge mode binds the base revision's object as `oldObject`, so transition rules fire
/// only on the change that makes them true.
struct PreMergeOldObjectTests {
    @Test func loweringProductionReplicasIsReportedAgainstTheBase() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("clusters/prod/flux-system/gotk-sync.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: flux-system, namespace: flux-system}
            spec: {path: ./clusters/prod, sourceRef: {kind: GitRepository, name: flux-system}}
            """)
        func deployment(replicas: Int) -> String {
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: production}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: production}
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: "ghcr.io/acme/api:1.0.0"}]
            """
        }
        try scratch.write("clusters/prod/api.yaml", deployment(replicas: 5))
        try scratch.git("init", "-q", "-b", "main")
        try scratch.git("add", "-A")
        try scratch.git("commit", "-q", "-m", "base")
        try scratch.write("clusters/prod/api.yaml", deployment(replicas: 2))
        try scratch.git("commit", "-q", "-am", "scale down")

        let binary = CommandLineTests.binary
        let premerge = try run(binary, ["lint", "--no-color", "--rev", "HEAD", "--base", "HEAD~1", scratch.root], status: nil)
        #expect(premerge.contains("warning[replicas-not-reduced]"), "\(premerge)")
        #expect(premerge.contains("replicas lowered from 5 to 2 in a production namespace"))
        #expect(premerge.contains("clusters/prod/api.yaml:9:13:"), "points at spec.replicas")
        // Without a base there is no oldObject, so the transition rule is silent.
        let plain = try run(binary, ["lint", "--no-color", "--rev", "HEAD", scratch.root], status: nil)
        #expect(!plain.contains("replicas-not-reduced"))
    }
}
