import Clusters
import Foundation
import Graph
import KubeClient
import KubeDouble
import Plan
import Rendering
import SourceTree
@testable import Executor

enum ExecutorFixtures {
    static let packageRoot: String = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    /// Renders and plans a tree the way `shipshape plan` does, without lint's configuration.
    static func plan(at directory: String, revision: String? = nil, options: PlanOptions = PlanOptions()) throws -> PlanDocument {
        let tree = try SourceTree.workingDirectory(at: directory)
        let files = TreeFileSystem(tree: tree)
        let clusters = Discovery(fileSystem: files).renderRepository(ClusterRoots.find(in: files))
        let graphs = clusters.map { GraphBuilder.build($0) }
        let source = PlanSource(requestedRevision: revision, commit: tree.commit, treeHash: try TreeHash.compute(tree))
        return PlanBuilder.build(clusters: clusters, graphs: graphs, source: source, options: options)
    }

    /// A Flux repository with one cluster `test` and the given `apps` Kustomization settings and files.
    static func fluxRepository(cluster: String = "test", apps: [String: String], appsSpec: String = "wait: true\n  timeout: 1m",
                               extraUnits: String = "") -> [String: String] {
        var files = apps.reduce(into: [String: String]()) { $0["apps/" + $1.key] = $1.value }
        files["clusters/\(cluster)/flux-system/gotk-sync.yaml"] = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 1m0s
          ref:
            branch: main
          url: https://example.com/repo
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 10m0s
          path: ./clusters/\(cluster)
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system

        """
        files["clusters/\(cluster)/flux-system/kustomization.yaml"] = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - gotk-sync.yaml

        """
        files["clusters/\(cluster)/apps.yaml"] = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 10m
          path: ./apps
          prune: true
          \(appsSpec)
          sourceRef:
            kind: GitRepository
            name: flux-system
        \(extraUnits)
        """
        return files
    }

    static func namespace(_ name: String) -> String {
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n"
    }

    static func configMap(_ name: String, namespace: String = "demo", value: String = "1") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n  namespace: \(namespace)\ndata:\n  value: \"\(value)\"\n"
    }

    static func deployment(_ name: String, namespace: String = "demo", replicas: Int = 1, selector: String = "web") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          replicas: \(replicas)
          selector:
            matchLabels:
              app: \(selector)
          template:
            metadata:
              labels:
                app: \(selector)
            spec:
              containers:
                - name: main
                  image: nginx:1.27

        """
    }

    static func kustomization(_ resources: [String]) -> String {
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n" + resources.map { "  - \($0)\n" }.joined()
    }

    /// The standard small app: Namespace demo, ConfigMaps a and b, Deployment web.
    static func demoApp(namespace name: String = "demo", includesNamespace: Bool = true, replicas: Int = 1, selector: String = "web",
                        withB: Bool = true) -> [String: String] {
        var files: [String: String] = [
            "a.yaml": configMap("a", namespace: name),
            "deployment.yaml": deployment("web", namespace: name, replicas: replicas, selector: selector),
        ]
        var resources = ["a.yaml"]
        if includesNamespace {
            files["namespace.yaml"] = namespace(name)
            resources.insert("namespace.yaml", at: 0)
        }
        if withB {
            files["b.yaml"] = configMap("b", namespace: name)
            resources.append("b.yaml")
        }
        resources.append("deployment.yaml")
        files["kustomization.yaml"] = kustomization(resources)
        return files
    }
}

/// A scratch repository, removed by `remove()`.
struct ScratchRepository {
    let root: String

    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "shipshape-executor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try write(files)
    }

    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func delete(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    func plan() throws -> PlanDocument { try ExecutorFixtures.plan(at: root) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A KubeAPIDouble with a frozen clock that the executor's waits drive forward, and a client
/// whose retry sleeps are recorded instead of slept.
final class DoubleCluster: @unchecked Sendable {
    let double: KubeAPIDouble
    let api: KubeAPI
    private let lock = NSLock()
    private var simulated: Double = 0
    private var retrySleeps: [Double] = []

    init(configure: (inout KubeAPIDouble.Options) -> Void = { _ in }) throws {
        var options = KubeAPIDouble.Options()
        options.frozenClock = true
        configure(&options)
        double = KubeAPIDouble(options: options)
        let url = try double.start()
        let target = KubeTarget(server: url.absoluteString, contextName: "kube-double")
        let box = SleepBox()
        api = KubeAPI(target: target, transport: CurlTransport(server: target.server),
                      retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.001, maxDelay: 0.01),
                      clock: RetryClock(now: { Date().timeIntervalSinceReferenceDate }, sleep: { box.record($0) }, random: { 0.5 }))
        box.owner = self
    }

    deinit { double.stop() }

    /// Waits advance the double's clock instead of sleeping.
    var clock: ExecutorClock {
        ExecutorClock(now: { [unowned self] in lock.withLock { simulated } },
                      sleep: { [unowned self] seconds in
                          lock.withLock { simulated += seconds }
                          double.advanceTime(by: seconds)
                      })
    }

    func options(prune: Bool = false, dryRun: Bool = false, forceConflicts: Bool = false, forceRecreate: Bool = false,
                 progress: (@Sendable (ProgressEvent) -> Void)? = nil) -> ApplyOptions {
        ApplyOptions(prune: prune, dryRunServer: dryRun, forceConflicts: forceConflicts, forceRecreate: forceRecreate,
                     pollInterval: 1, clock: clock, progress: progress)
    }

    func apply(_ plan: PlanDocument, _ options: ApplyOptions) -> ApplyReport {
        Executor.apply(plan: plan, to: .cluster(api), options: options)
    }

    var recordedRetrySleeps: [Double] { lock.withLock { retrySleeps } }

    fileprivate func recordSleep(_ seconds: Double) { lock.withLock { retrySleeps.append(seconds) } }

    /// Writes through the API as another field manager would (kubectl, a controller).
    @discardableResult
    func applyAsOther(_ yaml: JSON, manager: String = "kubectl-edit", force: Bool = true) throws -> AppliedObject {
        try api.apply(yaml, fieldManager: manager, force: force)
    }

    func exists(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String) -> Bool {
        double.object(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name) != nil
    }

    /// Requests that change state.
    var writes: [LoggedRequest] { double.requestLog.filter { ["PATCH", "POST", "PUT", "DELETE"].contains($0.method) } }

    /// The double's view of an object's labels.
    func label(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String, _ key: String) -> String? {
        guard let object = double.objectDictionary(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name),
              let metadata = object["metadata"] as? [String: Any], let labels = metadata["labels"] as? [String: Any] else { return nil }
        return labels[key] as? String
    }
}

private final class SleepBox: @unchecked Sendable {
    weak var owner: DoubleCluster?
    func record(_ seconds: Double) { owner?.recordSleep(seconds) }
}

extension ApplyReport {
    func actions() -> [String: ObjectAction] {
        Dictionary(applied.map { ($0.object.description, $0.action) }, uniquingKeysWith: { _, last in last })
    }
}

/// Collects progress events from any thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ProgressEvent] = []

    var sink: @Sendable (ProgressEvent) -> Void { { [self] event in lock.withLock { events.append(event) } } }
    var all: [ProgressEvent] { lock.withLock { events } }
}

extension JSON {
    static func parseYAMLish(_ text: String) -> JSON { (try? JSON.parse(text)) ?? .null }
}
