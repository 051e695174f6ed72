import Foundation
import KubeClient
import Plan
import Testing
@testable import Executor

/// The executor against a real API server: the double's scenarios, each in a fresh namespace
/// that is deleted afterwards (the apply-set parent lives there too). Fault injection needs the
/// double and is not repeated here; Deployments are applied without waiting, so a cluster
/// without nodes (a bare kube-apiserver) is enough.
enum RealCluster {
    static let kubeconfig = ProcessInfo.processInfo.environment["SHIPSHAPE_TEST_KUBECONFIG"] ?? ""
    static var isConfigured: Bool { !kubeconfig.isEmpty }

    static func api() throws -> KubeAPI { KubeAPI(target: try KubeConfig.load(paths: [kubeconfig])) }
}

/// A fresh namespace (and any CRDs a test adds), removed by `cleanUp()`.
final class Sandbox {
    let api: KubeAPI
    let name: String
    let repositoryCluster: String
    var crds: [String] = []

    init() throws {
        api = try RealCluster.api()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        name = "shipshape-test-\(suffix)"
        repositoryCluster = "real-\(suffix)"
        _ = try api.apply(try JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#),
                          fieldManager: "shipshape-test")
    }

    func options(prune: Bool = false, dryRun: Bool = false, forceConflicts: Bool = false, forceRecreate: Bool = false) -> ApplyOptions {
        ApplyOptions(prune: prune, dryRunServer: dryRun, forceConflicts: forceConflicts, forceRecreate: forceRecreate,
                     inventoryNamespace: name, defaultTimeout: 120, pollInterval: 0.5)
    }

    func repository(_ apps: [String: String]) throws -> ScratchRepository {
        try ScratchRepository(ExecutorFixtures.fluxRepository(cluster: repositoryCluster, apps: apps, appsSpec: "wait: false"))
    }

    func apply(_ plan: PlanDocument, _ options: ApplyOptions) -> ApplyReport {
        Executor.apply(plan: plan, to: .cluster(api), options: options)
    }

    func get(_ kind: String, _ objectName: String, apiVersion: String = "v1") throws -> JSON? {
        try api.get(ObjectRef(apiVersion: apiVersion, kind: kind, namespace: name, name: objectName))
    }

    func cleanUp() {
        for crd in crds {
            _ = try? api.delete(ObjectRef(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: crd))
        }
        _ = try? api.delete(ObjectRef(apiVersion: "v1", kind: "Namespace", name: name))
    }
}

// Runs only when SHIPSHAPE_TEST_KUBECONFIG names a kubeconfig; otherwise every test is reported
// as skipped with this reason, never as passed.
@Suite(.enabled(if: RealCluster.isConfigured, "SHIPSHAPE_TEST_KUBECONFIG is not set: the real-cluster suite needs a kubeconfig"),
       .serialized)
struct RealClusterTests {
    @Test func appliesAndReappliesUnchanged() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let repository = try sandbox.repository(ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false))
        defer { repository.remove() }
        let plan = try repository.plan()
        let first = sandbox.apply(plan, sandbox.options())
        #expect(first.succeeded, "\(first.text())")
        #expect(first.applied.map(\.object.name) == ["a", "b", "web"] && first.count(.created) == 3)
        let second = sandbox.apply(plan, sandbox.options())
        #expect(second.succeeded && second.count(.unchanged) == 3, "\(second.text())")
    }

    @Test func prunesExactlyWhatWasRemoved() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let repository = try sandbox.repository(ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false))
        defer { repository.remove() }
        #expect(sandbox.apply(try repository.plan(), sandbox.options(prune: true)).succeeded)
        _ = try sandbox.api.apply(try JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"manual","namespace":"\#(sandbox.name)"}}"#),
                                  fieldManager: "kubectl")
        try repository.delete("apps/b.yaml")
        try repository.write(["apps/kustomization.yaml": ExecutorFixtures.kustomization(["a.yaml", "deployment.yaml"])])
        let report = sandbox.apply(try repository.plan(), sandbox.options(prune: true))
        #expect(report.succeeded, "\(report.text())")
        #expect(report.pruned.map(\.object.name) == ["b"])
        #expect(try sandbox.get("ConfigMap", "b") == nil)
        #expect(try sandbox.get("ConfigMap", "manual") != nil)
    }

    @Test func refusesAStalePlan() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let repository = try sandbox.repository(ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false))
        defer { repository.remove() }
        var plan = try repository.plan()
        #expect(sandbox.apply(plan, sandbox.options()).succeeded)
        plan.target = PlanTarget(kind: .cluster, server: sandbox.api.target.server)
        for c in plan.clusters.indices {
            for s in plan.clusters[c].stages.indices {
                for u in plan.clusters[c].stages[s].units.indices {
                    for o in plan.clusters[c].stages[s].units[u].objects.indices {
                        let object = plan.clusters[c].stages[s].units[u].objects[o]
                        let live = try sandbox.api.get(ObjectIdentity(object).ref)
                        plan.clusters[c].stages[s].units[u].objects[o].resourceVersion = live?[path: "metadata", "resourceVersion"]?.string
                        plan.clusters[c].stages[s].units[u].objects[o].action = .unchanged
                    }
                }
            }
        }
        _ = try sandbox.api.apply(try JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"\#(sandbox.name)"},"data":{"other":"x"}}"#),
                                  fieldManager: "kubectl-edit", force: true)
        let report = sandbox.apply(plan, sandbox.options())
        #expect(report.refusals.contains { $0.contains("ConfigMap/\(sandbox.name)/a changed after the plan") }, "\(report.text())")
    }

    @Test func appliesACRDAndItsResourceInOneRun() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let plural = "widgets\(sandbox.repositoryCluster.suffix(8).filter(\.isLetter))x"
        let crdName = "\(plural).shipshape-test.example.com"
        sandbox.crds.append(crdName)
        var app = ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false)
        app["crd.yaml"] = ConflictTests.widgetCRD.replacingOccurrences(of: "widgets.example.com", with: crdName)
            .replacingOccurrences(of: "group: example.com", with: "group: shipshape-test.example.com")
            .replacingOccurrences(of: "plural: widgets", with: "plural: \(plural)")
        app["widget.yaml"] = "apiVersion: shipshape-test.example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: \(sandbox.name)\nspec:\n  size: 3\n"
        app["kustomization.yaml"] = ExecutorFixtures.kustomization(["a.yaml", "b.yaml", "deployment.yaml", "crd.yaml", "widget.yaml"])
        let repository = try sandbox.repository(app)
        defer { repository.remove() }
        let report = sandbox.apply(try repository.plan(), sandbox.options())
        #expect(report.succeeded, "\(report.text())")
        #expect(report.actions()["Widget/\(sandbox.name)/w"] == .created)
    }

    @Test func reportsFieldConflictsAndTakesThemOverWithForce() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let repository = try sandbox.repository(ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false))
        defer { repository.remove() }
        let plan = try repository.plan()
        #expect(sandbox.apply(plan, sandbox.options()).succeeded)
        _ = try sandbox.api.apply(try JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"\#(sandbox.name)"},"data":{"value":"2"}}"#),
                                  fieldManager: "kubectl-edit", force: true)
        let conflicted = sandbox.apply(plan, sandbox.options())
        #expect(conflicted.failures.first?.reason == "Conflict" || conflicted.failures.first?.reason == "FieldManagerConflict")
        #expect(conflicted.failures.first?.conflicts.first?.field == ".data.value")
        #expect(conflicted.failures.first?.conflicts.first?.manager == "kubectl-edit")
        let forced = sandbox.apply(plan, sandbox.options(forceConflicts: true))
        #expect(forced.succeeded && forced.actions()["ConfigMap/\(sandbox.name)/a"] == .configured, "\(forced.text())")
    }

    @Test func recreatesImmutableObjectsOnlyWhenAllowed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        var app = ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false)
        app["a.yaml"] = ExecutorFixtures.configMap("a", namespace: sandbox.name) + "immutable: true\n"
        let repository = try sandbox.repository(app)
        defer { repository.remove() }
        #expect(sandbox.apply(try repository.plan(), sandbox.options()).succeeded)
        try repository.write(["apps/a.yaml": ExecutorFixtures.configMap("a", namespace: sandbox.name, value: "2") + "immutable: true\n"])
        let changed = try repository.plan()
        let refused = sandbox.apply(changed, sandbox.options())
        #expect(refused.failures.first?.reason == "Immutable", "\(refused.text())")
        let recreated = sandbox.apply(changed, sandbox.options(forceRecreate: true))
        #expect(recreated.succeeded && recreated.actions()["ConfigMap/\(sandbox.name)/a"] == .recreated, "\(recreated.text())")
    }

    @Test func serverDryRunPersistsNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        let repository = try sandbox.repository(ExecutorFixtures.demoApp(namespace: sandbox.name, includesNamespace: false))
        defer { repository.remove() }
        let report = sandbox.apply(try repository.plan(), sandbox.options(dryRun: true))
        #expect(report.succeeded && report.count(.created) == 3, "\(report.text())")
        #expect(try sandbox.get("ConfigMap", "a") == nil)
    }
}
