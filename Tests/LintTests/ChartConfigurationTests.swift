import Diagnostics
import Foundation
import Lint
import SourceTree
import Testing

/// `charts:` in `.shipshape.yaml` teaches the graph which CRDs a repository's own charts install.
struct ChartConfigurationTests {
    @Test func chartEntriesAreReadAndCheckedWithPositions() throws {
        let config = try Configuration.parse(Array("charts:\n  - names: [acme-operator]\n    crds: [acme.example.com]\n".utf8))
        #expect(config.charts.chart(named: "acme-operator")?.crdGroups == ["acme.example.com"])
        #expect(throws: Configuration.Error.invalid(file: ".shipshape.yaml", line: 3, column: 10,
                                                    message: "unknown chart field `crd` (expected names, crds, provides)")) {
            try Configuration.parse(Array("charts:\n  - names: [acme-operator]\n    crd: [acme.example.com]\n".utf8))
        }
    }

    @Test func aConfiguredChartTurnsAnExternalCRDIntoAnOrderingRequirement() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("clusters/prod/flux-system/gotk-sync.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: flux-system, namespace: flux-system}
            spec: {path: ./clusters/prod, sourceRef: {kind: GitRepository, name: flux-system}}
            """)
        try scratch.write("clusters/prod/units.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: operator, namespace: flux-system}
            spec: {path: ./operator, sourceRef: {kind: GitRepository, name: flux-system}}
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: widgets, namespace: flux-system}
            spec: {path: ./widgets, sourceRef: {kind: GitRepository, name: flux-system}}
            """)
        try scratch.write("operator/release.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: acme, namespace: flux-system}
            spec: {chart: {spec: {chart: acme-operator, sourceRef: {kind: HelmRepository, name: acme}}}}
            """)
        try scratch.write("widgets/widget.yaml", "apiVersion: acme.example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: flux-system}\n")
        let before = try Linter.lint(try SourceTree.workingDirectory(at: scratch.root))
        #expect(before.diagnostics.map(\.rule) .contains(.requirementExternal))
        #expect(!before.diagnostics.map(\.rule).contains(.orderMissing))
        try scratch.write(".shipshape.yaml", "charts:\n  - names: [acme-operator]\n    crds: [acme.example.com]\n")
        let after = try Linter.lint(try SourceTree.workingDirectory(at: scratch.root))
        let missing = try #require(after.diagnostics.first { $0.rule == .orderMissing })
        #expect(missing.message.contains("Widget flux-system/w needs its CRD (installed by HelmRelease flux-system/acme)"))
        #expect(missing.fix == "add `dependsOn: [{name: operator}]` to Kustomization flux-system/widgets and set wait: true on it")
    }
}
