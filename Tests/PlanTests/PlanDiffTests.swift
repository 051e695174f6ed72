import Foundation
import SourceTree
import Testing
@testable import Plan

/// A small Flux repository in a scratch Git repository: a bootstrap, an `apps` unit with a
/// Deployment and a Secret, and an `infra` unit.
struct DiffRepository {
    let scratch: ScratchDirectory

    static let secretValue = "c3VwZXItc2VjcmV0LXZhbHVl"
    static let newSecretValue = "YW5vdGhlci1zZWNyZXQ="

    init() throws {
        scratch = try ScratchDirectory()
        try scratch.write("clusters/dev/flux-system/gotk-sync.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 1m0s
          ref:
            branch: main
          url: ssh://git@example.com/fleet
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 10m0s
          path: ./clusters/dev
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system

        """)
        try scratch.write("clusters/dev/flux-system/kustomization.yaml", "resources:\n- gotk-sync.yaml\n")
        try writeUnits(dependsOnInfra: false)
        try scratch.write("infra/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n")
        try scratch.write("apps/deployment.yaml", Self.deployment(replicas: 1))
        try scratch.write("apps/secret.yaml", Self.secret(Self.secretValue))
        try scratch.git("init", "-q", "-b", "main")
        try commit("base")
    }

    func writeUnits(dependsOnInfra: Bool) throws {
        try scratch.write("clusters/dev/units.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: infra
          namespace: flux-system
        spec:
          interval: 10m
          path: ./infra
          prune: true
          wait: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        \(dependsOnInfra ? "  dependsOn:\n  - name: infra\n" : "")
        """)
    }

    static func deployment(replicas: Int) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: web
        spec:
          replicas: \(replicas)
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27

        """
    }

    static func secret(_ value: String) -> String {
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: web\ndata:\n  token: \(value)\n  same: c2FtZQ==\n"
    }

    func commit(_ message: String) throws {
        try scratch.git("add", "-A")
        try scratch.git("commit", "-qm", message)
    }

    func plan(_ revision: String) throws -> PlanDocument {
        try PlanFixtures.plan(try SourceTree.gitRevision(revision, in: scratch.root), revision: revision)
    }
}

@Suite struct PlanDiffTests {
    @Test func twoRevisionsCompareByObjectAndStage() throws {
        let repository = try DiffRepository()
        defer { repository.scratch.remove() }
        try repository.scratch.write("apps/deployment.yaml", DiffRepository.deployment(replicas: 3))
        try repository.scratch.write("apps/secret.yaml", DiffRepository.secret(DiffRepository.newSecretValue))
        try repository.scratch.write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: added\n  namespace: web\n")
        try FileManager.default.removeItem(atPath: repository.scratch.path("infra/namespace.yaml"))
        try repository.scratch.write("infra/role.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n")
        try repository.writeUnits(dependsOnInfra: true)
        try repository.commit("head")

        let diff = PlanDiff.compare(base: try repository.plan("HEAD~1"), head: try repository.plan("HEAD"))
        let changes = Dictionary(uniqueKeysWithValues: diff.objects.map { ($0.displayName, $0.change) })
        #expect(changes["ConfigMap web/added"] == .added)
        #expect(changes["Namespace web"] == .removed)
        #expect(changes["ClusterRole reader"] == .added)
        #expect(changes["Deployment web/web"] == .changed)
        #expect(changes["Secret web/token"] == .changed)
        #expect(diff.units.contains { $0.unit == "unit:Kustomization/flux-system/apps" && $0.change == .moved && $0.baseStage == 2 && $0.headStage == 3 })

        let deployment = try #require(diff.objects.first { $0.displayName == "Deployment web/web" })
        #expect(deployment.diff.contains("-  replicas: 1") && deployment.diff.contains("+  replicas: 3"))
        #expect(deployment.linesAdded == 1 && deployment.linesRemoved == 1)

        // The Secret's diff names the changed key, never a value.
        let secret = try #require(diff.objects.first { $0.displayName == "Secret web/token" })
        #expect(secret.diff.contains("+  token: '**masked, changed**'") || secret.diff.contains("+  token: \"**masked, changed**\""))
        // An unchanged value is masked alike on both sides: context, not a change.
        #expect(secret.diff.contains(" same: '**masked**'") || secret.diff.contains(" same: \"**masked**\""))
        #expect(!secret.diff.contains("+  same") && !secret.diff.contains("-  same"))

        for output in [PlanDiffReport.text(diff), PlanDiffReport.markdown(diff), PlanDiffReport.json(diff).pretty()] {
            #expect(!output.contains(DiffRepository.secretValue) && !output.contains(DiffRepository.newSecretValue))
            #expect(!output.contains("c2FtZQ=="))
        }
        #expect(PlanDiffReport.markdown(diff).contains("```diff"))
    }

    @Test func identicalRevisionsHaveNoDiff() throws {
        let repository = try DiffRepository()
        defer { repository.scratch.remove() }
        let diff = PlanDiff.compare(base: try repository.plan("HEAD"), head: try repository.plan("HEAD"))
        #expect(diff.isEmpty)
        #expect(PlanDiffReport.markdown(diff).contains("No changes"))
    }

    @Test func summariesNeverShowSecretValues() throws {
        let repository = try DiffRepository()
        defer { repository.scratch.remove() }
        let plan = try repository.plan("HEAD")
        // The plan file keeps the value: the cluster needs it.
        #expect(plan.fileText().contains(DiffRepository.secretValue))
        for output in [PlanSummary.text(plan), PlanSummary.markdown(plan)] {
            #expect(!output.contains(DiffRepository.secretValue) && output.contains("Secret"))
        }
    }

    @Test func markdownStaysWithinBudgetBySummarisingTheLargestDiffs() throws {
        func object(_ name: String, lines: Int, salt: String) -> PlanObject {
            let data = PlanJSON.object(Dictionary(uniqueKeysWithValues: (0..<lines).map { ("key\($0)", PlanJSON.string("\(salt)-\($0)")) }))
            return PlanObject(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: name, manifest: .object([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .object(["name": .string(name), "namespace": .string("default")]), "data": data,
            ]))
        }
        func plan(_ salt: String) -> PlanDocument {
            let objects = [object("huge", lines: 4000, salt: salt), object("small", lines: 3, salt: salt)]
                + (0..<30).map { object("medium-\($0)", lines: 40, salt: salt) }
            let unit = PlanUnit(id: "unit:Kustomization/flux-system/apps", apiVersion: "kustomize.toolkit.fluxcd.io/v1",
                                kind: "Kustomization", namespace: "flux-system", name: "apps", engine: .flux, objects: objects)
            return PlanDocument(source: PlanSource(treeHash: "sha256:" + String(repeating: "0", count: 64)),
                                clusters: [PlanCluster(name: "dev", path: "clusters/dev", stages: [PlanStage(index: 1, units: [unit])])])
        }
        let diff = PlanDiff.compare(base: plan("old"), head: plan("new"))
        #expect(diff.count(.changed) == 32)
        let unlimited = PlanDiffReport.markdown(diff, budget: .max)
        #expect(unlimited.utf8.count > PlanDiffReport.markdownBudget)
        let comment = PlanDiffReport.markdown(diff)
        #expect(comment.utf8.count <= PlanDiffReport.markdownBudget)
        #expect(comment.contains("ConfigMap default/huge in cluster dev (+4000 −4000): diff not shown"))
        #expect(comment.contains("-  key0: old-0") || comment.contains("+  key0: new-0"))
        // A tiny budget still gives a well-formed, bounded comment.
        #expect(PlanDiffReport.markdown(diff, budget: 2000).utf8.count <= 2000)
    }
}

@Suite struct UnifiedDiffTests {
    /// Applying the edit script to the old lines gives the new ones.
    @Test(arguments: [
        ("a\nb\nc\n", "a\nc\n"), ("", "x\ny\n"), ("x\ny\n", ""), ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nB\nc\nd\ne\nf\ng\nh\nI\nj\nk\n"),
        ("same\n", "same\n"), ("1\n2\n3\n4\n5\n", "5\n4\n3\n2\n1\n"),
    ])
    func scriptsReconstruct(old: String, new: String) {
        let edits = UnifiedDiff.edits(UnifiedDiff.lines(old), UnifiedDiff.lines(new))
        var rebuiltOld: [String] = [], rebuiltNew: [String] = []
        for edit in edits {
            switch edit {
            case .same(let line): rebuiltOld.append(line); rebuiltNew.append(line)
            case .removed(let line): rebuiltOld.append(line)
            case .added(let line): rebuiltNew.append(line)
            }
        }
        #expect(rebuiltOld == UnifiedDiff.lines(old) && rebuiltNew == UnifiedDiff.lines(new))
    }

    @Test func unifiedFormat() {
        let text = UnifiedDiff.render(old: "a\nb\nc\nd\ne\nf\ng\nh\n", new: "a\nb\nc\nD\ne\nf\ng\nh\n", oldName: "old", newName: "new", context: 1)
        #expect(text == "--- old\n+++ new\n@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n")
        #expect(UnifiedDiff.render(old: "x\n", new: "x\n", oldName: "a", newName: "b").isEmpty)
    }

    @Test func minimalScript() {
        let (added, removed) = UnifiedDiff.counts(old: "a\nb\nc\nd\n", new: "a\nc\nd\ne\n")
        #expect(added == 1 && removed == 1)
    }
}
