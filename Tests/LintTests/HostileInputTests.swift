import Diagnostics
import Foundation
import Lint
import Reports
import SourceTree
import Testing

/// One repository holding every kind of bad input: each must be a located diagnostic, fast,
/// and nothing from outside the root may appear in any output.
struct HostileInputTests {
    static let outsideSecret = "OUTSIDE-ROOT-CONTENT-7f3a"

    static func makeRepository(_ scratch: Scratch) throws -> String {
        try scratch.write("outside/secret.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(outsideSecret)\n")
        let repo = "repo"
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try scratch.write("\(repo)/bomb.yaml", bomb)
        try scratch.write("\(repo)/deep.yaml", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        try scratch.write("\(repo)/binary.yaml", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]))
        try scratch.write("\(repo)/latin1.yaml", Data("name: caf".utf8) + Data([0xE9, 0x0A]))
        try scratch.write("\(repo)/tabs.yaml", "metadata:\n\tname: x\n")
        try scratch.write("\(repo)/dupes.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n")
        try scratch.write("\(repo)/escape/kustomization.yaml", "resources:\n  - ../../outside/secret.yaml\n")
        try scratch.write("\(repo)/cycle/a/kustomization.yaml", "resources:\n  - ../b\n")
        try scratch.write("\(repo)/cycle/b/kustomization.yaml", "resources:\n  - ../a\n")
        try scratch.write("\(repo)/remote/kustomization.yaml", "resources:\n  - github.com/example/base?ref=v1\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("\(repo)/linked.yaml"), withDestinationPath: scratch.path("outside/secret.yaml"))
        try scratch.write("\(repo)/cluster.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: flux-system, namespace: flux-system}
        spec: {interval: 10m, prune: true, path: ./, sourceRef: {kind: GitRepository, name: flux-system}}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: escape, namespace: flux-system}
        spec: {interval: 10m, prune: true, path: ./escape, sourceRef: {kind: GitRepository, name: flux-system}}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: cycle, namespace: flux-system}
        spec: {interval: 10m, prune: true, path: ./cycle/a, sourceRef: {kind: GitRepository, name: flux-system}}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: remote, namespace: flux-system}
        spec: {interval: 10m, prune: true, path: ./remote, sourceRef: {kind: GitRepository, name: flux-system}}
        """)
        return scratch.path(repo)
    }

    @Test func everyHostileInputIsALocatedDiagnostic() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let repo = try Self.makeRepository(scratch)
        let clock = ContinuousClock()
        let started = clock.now
        let run = try Linter.lint(try SourceTree.workingDirectory(at: repo))
        #expect(clock.now - started < .seconds(1))
        let expected: [(RuleID, String)] = [
            (.yamlAliasBudget, "bomb.yaml"), (.yamlDepth, "deep.yaml"), (.yamlBinary, "binary.yaml"),
            (.yamlEncoding, "latin1.yaml"), (.yamlSyntax, "tabs.yaml"), (.yamlDuplicateKey, "dupes.yaml"),
            (.pathEscape, "escape/kustomization.yaml"), (.symlinkEscape, "linked.yaml"),
            (.kustomizeCycle, "cycle/b/kustomization.yaml"), (.kustomizeRemoteBase, "remote/kustomization.yaml"),
        ]
        for (rule, file) in expected {
            #expect(run.diagnostics.contains { $0.rule == rule && $0.location.file == file && $0.location.line >= 1 },
                    "missing \(rule) in \(file): \(run.diagnostics.map { "\($0.rule) \($0.location.file)" })")
        }
        let report = run.report()
        for format in ReportFormat.allCases {
            let output = format.formatter(color: false).render(report)
            #expect(!output.contains(Self.outsideSecret), "\(format) output leaks content from outside the root")
        }
    }
}
