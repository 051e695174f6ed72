import Foundation
import KubeClient
import KubeDouble
@testable import Plan

/// A running API double and a client for it. Retries are off unless asked for, so an injected
/// fault is seen at once.
struct LiveCluster {
    let double: KubeAPIDouble
    let api: KubeAPI

    init(retry: RetryPolicy = .none, options: KubeAPIDouble.Options = .init()) throws {
        double = KubeAPIDouble(options: options)
        let url = try double.start()
        api = KubeAPI(target: KubeTarget(server: url.absoluteString, contextName: "kube-double"),
                      options: .init(connectTimeout: 2, requestTimeout: 10), retry: retry)
    }

    /// Applies a manifest as the executor does: field manager `shipshape`, part-of label of `cluster`.
    @discardableResult
    func applyAsExecutor(_ manifest: PlanJSON, cluster: String = LivePlans.clusterName) throws -> AppliedObject {
        try api.apply(JSONBridge.kube(LivePlans.labelled(manifest, id: ApplySetID.memberLabel(cluster: cluster))))
    }

    /// Applies a manifest as somebody else (`kubectl`), without our label.
    @discardableResult
    func applyAsOther(_ manifest: PlanJSON, manager: String = "kubectl", force: Bool = true) throws -> AppliedObject {
        try api.apply(JSONBridge.kube(manifest), fieldManager: manager, force: force)
    }

    /// Writes that are not dry-runs: planning must make none.
    var realWrites: [LoggedRequest] {
        double.requestLog.filter { ["PATCH", "POST", "PUT", "DELETE"].contains($0.method) && !$0.query.contains("dryRun=All") }
    }
}

enum LivePlans {
    static let clusterName = "prod"

    static func json(_ text: String) -> PlanJSON {
        (try? PlanJSONParser.parse(Array(text.utf8))) ?? .null
    }

    static func labelled(_ manifest: PlanJSON, id: String) -> PlanJSON {
        guard case .object(var members) = manifest, case .object(var metadata)? = members["metadata"] else { return manifest }
        var labels = metadata["labels"]?.objectValue ?? [:]
        labels[ApplySetID.partOfLabel] = .string(id)
        metadata["labels"] = .object(labels)
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    static func namespace(_ name: String) -> PlanJSON {
        json(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#)
    }

    static func configMap(_ name: String, namespace: String = "shop", value: String = "one") -> PlanJSON {
        json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"\#(namespace)"},"data":{"key":"\#(value)"}}"#)
    }

    static func secret(_ name: String, namespace: String = "shop", password: String) -> PlanJSON {
        let encoded = Data(password.utf8).base64EncodedString()
        return json(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"\#(name)","namespace":"\#(namespace)"},"type":"Opaque","data":{"password":"\#(encoded)"}}"#)
    }

    static func deployment(_ name: String, namespace: String = "shop", replicas: Int = 2) -> PlanJSON {
        json(#"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\#(name)","namespace":"\#(namespace)","labels":{"app":"\#(name)"}},
         "spec":{"replicas":\#(replicas),"selector":{"matchLabels":{"app":"\#(name)"}},
                 "template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """#)
    }

    static let widgetCRD = json(#"""
    {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
     "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Widget","plural":"widgets","singular":"widget","listKind":"WidgetList"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
    """#)

    static func widget(_ name: String, namespace: String = "shop") -> PlanJSON {
        json(#"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"\#(name)","namespace":"\#(namespace)"},"spec":{"size":3}}"#)
    }

    static func object(_ manifest: PlanJSON) -> PlanObject {
        let metadata = manifest["metadata"]
        return PlanObject(apiVersion: manifest["apiVersion"]?.stringValue ?? "", kind: manifest["kind"]?.stringValue ?? "",
                          namespace: metadata?["namespace"]?.stringValue ?? "", name: metadata?["name"]?.stringValue ?? "",
                          manifest: manifest)
    }

    /// An offline plan of one cluster: the first manifests in a `definitions` unit of stage 1,
    /// the rest in an `apps` unit of stage 2, as PlanBuilder would lay them out.
    static func plan(definitions: [PlanJSON] = [], apps: [PlanJSON]) -> PlanDocument {
        func unit(_ name: String, _ manifests: [PlanJSON]) -> PlanUnit {
            PlanUnit(id: "unit:Kustomization/flux-system/\(name)", apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization",
                     namespace: "flux-system", name: name, engine: .flux, prune: true, objects: manifests.map(object))
        }
        var stages: [PlanStage] = []
        if !definitions.isEmpty { stages.append(PlanStage(index: 1, units: [unit("definitions", definitions)])) }
        stages.append(PlanStage(index: stages.count + 1, units: [unit("apps", apps)]))
        return PlanDocument(source: PlanSource(treeHash: "sha256:" + String(repeating: "0", count: 64)),
                            clusters: [PlanCluster(name: clusterName, path: "clusters/prod", stages: stages)])
    }

    static let shop = plan(definitions: [namespace("shop")],
                           apps: [configMap("settings"), secret("db", password: "correct-horse-battery"), deployment("web")])
}

extension PlanDocument {
    func object(_ displayName: String) -> PlanObject? { allObjects.first { $0.displayName == displayName } }
}
