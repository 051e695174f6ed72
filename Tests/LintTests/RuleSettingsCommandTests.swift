import Foundation
import Testing

/// `lint --rules DIR` adds user rules, and `clusters: {NAME: {params}}` changes a rule's
/// params for one cluster only.
struct RuleSettingsCommandTests {
    private func repository(_ scratch: Scratch) throws {
        for cluster in ["prod", "staging"] {
            try scratch.write("clusters/\(cluster)/flux-system/gotk-sync.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: flux-system, namespace: flux-system}
                spec: {path: ./clusters/\(cluster), sourceRef: {kind: GitRepository, name: flux-system}}
                """)
            try scratch.write("clusters/\(cluster)/scan.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: web, namespace: flux-system}
                spec: {image: ghcr.io/acme/web, interval: 5m}
                """)
        }
    }

    @Test func clusterParamsApplyToThatClusterOnly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try repository(scratch)
        let clean = try run(CommandLineTests.binary, ["lint", "--no-color", scratch.root], status: nil)
        #expect(!clean.contains("flux-image-repository-interval"))
        try scratch.write(".shipshape.yaml", "clusters:\n  prod:\n    params:\n      flux-image-repository-interval: {minimum: 10m}\n")
        let text = try run(CommandLineTests.binary, ["lint", "--no-color", scratch.root], status: nil)
        #expect(text.contains("clusters/prod/scan.yaml"), "\(text)")
        #expect(!text.contains("clusters/staging/scan.yaml"))
        try scratch.write(".shipshape.yaml", "clusters:\n  prod:\n    parms: {}\n")
        try run(CommandLineTests.binary, ["lint", scratch.root], status: 2)
    }

    @Test func userRulesFromTheCommandLineRun() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try repository(scratch)
        try scratch.write("policies/no-web.yaml", """
            apiVersion: shipshape.dev/v1alpha1
            kind: Rule
            id: no-web-images
            severity: error
            category: images
            description: Nothing scans the web image.
            rationale: A demo.
            match: {apiGroups: [image.toolkit.fluxcd.io], kinds: [ImageRepository]}
            validations:
              - expression: "!object.spec.image.endsWith('/web')"
                message: the web image must not be scanned
            examples:
              valid: [{description: other, object: {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, metadata: {name: a}, spec: {image: x/api}}}]
              invalid: [{description: web, object: {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, metadata: {name: a}, spec: {image: x/web}}}]
            """)
        let text = try run(CommandLineTests.binary, ["lint", "--no-color", "--rules", scratch.path("policies"), scratch.root], status: 1)
        #expect(text.contains("error[no-web-images]: ImageRepository flux-system/web: the web image must not be scanned"), "\(text)")
        try run(CommandLineTests.binary, ["lint", "--rules", scratch.path("missing"), scratch.root], status: 2)
    }
}
